/** How far from its neighbourhood's median a pixel must be, on a [0, 1] scale, to count as speckle. */
export const SPECKLE_THRESHOLD = 0.5;

/**
 * Salt-and-pepper speckle: the share of pixels, over the interior of every image, that differ from
 * the median of their 3×3 neighbourhood by more than half the intensity range. A stroke's own edge
 * stays near its neighbourhood's median; an isolated dot does not. Real MNIST digits have some (thin
 * strokes, stray marks), so it is read beside the real digits' share.
 * `images`: count×side×side values in [−1, 1], example-major, one channel.
 */
export function speckleShare(images: Float32Array, side: number): number {
  const pixels = side * side;
  const count = images.length / pixels;
  let speckled = 0;
  let measured = 0;
  // Values are in [−1, 1]: a difference of 0.5 on [0, 1] is 1 here.
  const threshold = 2 * SPECKLE_THRESHOLD;
  for (let n = 0; n < count; n++) {
    const image = images.subarray(n * pixels, (n + 1) * pixels);
    for (let y = 1; y < side - 1; y++) {
      for (let x = 1; x < side - 1; x++) {
        // The median of 9 is above v + t exactly when at least 5 of them are, and below v − t likewise:
        // counting says it without sorting each neighbourhood.
        const value = image[y * side + x]!;
        let above = 0;
        let below = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const neighbour = image[(y + dy) * side + x + dx]!;
            if (neighbour > value + threshold) above++;
            else if (neighbour < value - threshold) below++;
          }
        }
        if (above >= 5 || below >= 5) speckled++;
        measured++;
      }
    }
  }
  return measured ? speckled / measured : 0;
}
