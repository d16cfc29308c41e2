import { z } from 'zod';

export const pix2pixSection = z.strictObject({
  kind: z.literal('pix2pix').describe(
    'pix2pix (Isola et al. 2017): paired translation a → b (data kind domains with paired: true). A U-Net generator G: a → b '
    + 'learns to match each pair\'s b in L1 and to fool a conditional PatchGAN discriminator that judges (a, b) pairs against (a, G(a)). '
    + 'The networks are the family\'s own (this section sizes them).'),
  generator: z.strictObject({
    channels: z.int().min(4).max(128).default(16).describe('Channels of the first 4×4 convolution; each deeper level doubles them.'),
    depth: z.int().min(1).max(6).default(2).describe('Stride-2 levels down (and back up, with skips across): the image side must divide by 2^depth.'),
  }).prefault({}).describe('The U-Net generator.'),
  discriminator: z.strictObject({
    channels: z.int().min(4).max(128).default(32).describe('Channels of the first 4×4 convolution; each next stride-2 layer doubles them.'),
    layers: z.int().min(1).max(4).default(2).describe('Stride-2 convolutions before the 1-channel score map.'),
  }).prefault({}).describe('The conditional PatchGAN: reads a and b (or G(a)) stacked as channels, one score per patch.'),
  l1Weight: z.number().min(0).max(10_000).default(100).describe('λ: weight of ‖b − G(a)‖₁ beside fooling D (the paper: 100). 0: the cGAN alone.'),
  adversarialWeight: z.number().min(0).max(100).default(1).describe('Weight of fooling D in G\'s loss. 0: L1 alone, and no discriminator is trained (the paper\'s "L1" row).'),
});
