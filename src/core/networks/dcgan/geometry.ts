// The DCGAN's shape rules, without TF.js: the builder (build.ts), validation and the memory
// estimate all read them here.

/** Stride-2 (transposed) convolutions between the image and the smallest feature map: 28 → 14 → 7, 32 → … → 4, 64 → … → 4. */
export const DCGAN_LEVELS_BY_SIZE: Readonly<Record<number, number>> = { 28: 2, 32: 3, 64: 4 };

/** The image sides a DCGAN handles. */
export const DCGAN_IMAGE_SIZES: readonly number[] = Object.keys(DCGAN_LEVELS_BY_SIZE).map(Number);

/** Side of every (transposed) convolution's kernel. */
export const DCGAN_KERNEL_SIZE = 4;

/** Channels at `level` steps from the image: the base next to it, doubling per level away. */
export const channelsAt = (base: number, level: number): number => base * 2 ** level;
