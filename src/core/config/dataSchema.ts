import { z } from 'zod';
import { isToyDataKind, type ToyDataKind } from './dataKinds';

// Every toy distribution is sampled once (seeded) into a finite set of `count` points, so toy and
// image data share one batching path and "epochs" mean the same thing everywhere.
const count = z.int().min(16).max(1_000_000).default(10_000)
  .describe('How many points are drawn from the distribution (once, seeded) to form the dataset.');
const sigma = (fallback: number) =>
  z.number().positive().max(10).default(fallback).describe('Standard deviation of each Gaussian.');

export const ringData = z.strictObject({
  kind: z.literal('ring').describe('N Gaussians evenly spaced on a circle (the classic mode-collapse test).'),
  modes: z.int().min(1).max(64).default(8).describe('Number of Gaussians on the ring.'),
  radius: z.number().positive().max(100).default(2).describe('Radius of the ring.'),
  sigma: sigma(0.02),
  count,
});

export const gridData = z.strictObject({
  kind: z.literal('grid').describe('An N×N grid of Gaussians.'),
  size: z.int().min(1).max(16).default(5).describe('N: the grid has N×N Gaussians.'),
  spacing: z.number().positive().max(100).default(2).describe('Distance between neighbouring Gaussians.'),
  sigma: sigma(0.05),
  count,
});

export const spiralData = z.strictObject({
  kind: z.literal('spiral').describe('An Archimedean spiral with Gaussian noise.'),
  turns: z.number().positive().max(10).default(1.5).describe('How many times the spiral winds.'),
  noise: z.number().min(0).max(1).default(0.02).describe('Noise added to each point, relative to the spiral size.'),
  count,
});

export const moonsData = z.strictObject({
  kind: z.literal('moons').describe('Two interleaving half circles.'),
  noise: z.number().min(0).max(1).default(0.05).describe('Standard deviation of the noise added to each point.'),
  count,
});

export const lineData = z.strictObject({
  kind: z.literal('line').describe("GAN Lab's line: points spread uniformly along a segment."),
  noise: z.number().min(0).max(1).default(0.01).describe('Standard deviation of the noise across the line.'),
  count,
});

export const twoGaussiansData = z.strictObject({
  kind: z.literal('two-gaussians').describe("GAN Lab's two Gaussian clusters."),
  separation: z.number().positive().max(100).default(2).describe('Distance between the two centres.'),
  sigma: sigma(0.15),
  count,
});

export const blobsData = z.strictObject({
  kind: z.literal('blobs').describe("GAN Lab's disjoint distribution: separated blobs of different sizes."),
  blobs: z.int().min(2).max(12).default(3).describe('Number of blobs.'),
  sigma: sigma(0.08),
  count,
});

export const mnistData = z.strictObject({
  kind: z.literal('mnist').describe('The 10,000 handwritten digits embedded in GAN Studio (28×28 grayscale).'),
  digits: z.array(z.int().min(0).max(9)).min(1).max(10).optional()
    .describe('Keep only these digits (default: all ten).'),
  limit: z.int().min(1).max(10_000).optional().describe('Use at most this many images.'),
});

export const folderData = z.strictObject({
  kind: z.literal('folder').describe('A folder of PNG/JPEG images; class subfolders give labels.'),
  path: z.string().min(1).describe('Folder path, relative to the config file.'),
  size: z.int().min(4).max(256).default(32).describe('Images are resized to size×size pixels.'),
  channels: z.literal([1, 3]).default(3).describe('1 for grayscale, 3 for RGB.'),
});

export const idxData = z.strictObject({
  kind: z.literal('idx').describe('MNIST-format IDX files (optionally .gz), e.g. Fashion-MNIST.'),
  images: z.string().min(1).describe('Path of the images IDX file, relative to the config file.'),
  labels: z.string().min(1).optional().describe('Path of the labels IDX file (optional).'),
  limit: z.int().min(1).optional().describe('Use at most this many images.'),
});

const transformSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('invert').describe('Swap ink and background: every value v becomes −v.') }),
  z.strictObject({
    kind: z.literal('stroke').describe('Thicken (steps > 0) or thin (steps < 0) strokes by one pixel per step (grey images).'),
    steps: z.int().min(-3).max(3).refine((steps) => steps !== 0, { message: 'use a step count from -3 to 3 other than 0' })
      .describe('Pixels to grow (> 0) or shrink (< 0) each stroke by.'),
  }),
  z.strictObject({
    kind: z.literal('rotate').describe('Rotate about the centre (bilinear; corners filled with background).'),
    degrees: z.number().min(-180).max(180).describe('Counter-clockwise angle in degrees.'),
  }),
  z.strictObject({ kind: z.literal('edges').describe('Sobel edge strength: the outline of each stroke (grey images).') }),
  z.strictObject({
    kind: z.literal('blur').describe('Keep only the detail of a smaller image: average factor×factor blocks, then enlarge back (same size).'),
    factor: z.literal([2, 4]).default(2).describe('How many times less detail.'),
  }),
  z.strictObject({
    kind: z.literal('downsample').describe('Average factor×factor blocks into one pixel: a smaller image (28 → 14 px).'),
    factor: z.literal([2, 4]).default(2).describe('How many times smaller each side becomes.'),
  }),
  z.strictObject({
    kind: z.literal('colored').describe('MNIST-M-like: the digit blended by difference onto a seeded, procedurally coloured texture (grey in, RGB out).'),
  }),
]);

const transforms = z.array(transformSchema).max(8).default([])
  .describe('Applied to every image in order, to make a second domain from the same source (e.g. [{kind: colored}]).');

const domainSchema = z.discriminatedUnion('kind', [
  mnistData.extend({ transforms }), folderData.extend({ transforms }), idxData.extend({ transforms }),
]);

export const domainsData = z.strictObject({
  kind: z.literal('domains').describe('Two image domains, a and b, for the translation families (CycleGAN, pix2pix).'),
  a: domainSchema.describe('Domain A: the source of the a → b translation (mnist, folder or idx, with optional transforms).'),
  b: domainSchema.describe('Domain B: the target of the a → b translation (mnist, folder or idx, with optional transforms).'),
  paired: z.boolean().default(false).describe(
    'Whether the nth image of a and of b show the same thing (pix2pix). Unpaired domains drawn from the same embedded digits '
    + 'use disjoint halves of them, so no pair leaks; paired domains keep the pairs.'),
});

export const dataSchema = z.discriminatedUnion('kind', [
  ringData, gridData, spiralData, moonsData, lineData, twoGaussiansData, blobsData,
  mnistData, folderData, idxData, domainsData,
]).describe('What the GAN learns to generate.');

export type DataConfig = z.output<typeof dataSchema>;
export type DomainsDataConfig = z.output<typeof domainsData>;
export type DomainConfig = DomainsDataConfig['a'];
export type TransformConfig = DomainConfig['transforms'][number];
export type ToyDataConfig = Extract<DataConfig, { kind: ToyDataKind }>;
export { toyDataKinds, type ToyDataKind } from './dataKinds';

export function isToyData(data: DataConfig): data is ToyDataConfig {
  return isToyDataKind(data.kind);
}
