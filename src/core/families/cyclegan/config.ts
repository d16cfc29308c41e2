import { z } from 'zod';

export const cycleGanSection = z.strictObject({
  kind: z.literal('cyclegan').describe(
    'CycleGAN (Zhu et al. 2017): unpaired translation between data.a and data.b (data kind domains). Two generators, '
    + 'G_AB: a → b and G_BA: b → a (small ResNets), and two PatchGAN discriminators, D_A and D_B; each generator fools the other '
    + 'domain\'s discriminator while translating there and back must give the input again (cycle consistency). '
    + 'The networks are the family\'s own (this section sizes them); the objective is the config\'s (least-squares in the paper).'),
  generator: z.strictObject({
    channels: z.int().min(4).max(128).default(8).describe('Channels of the first and last convolutions; the residual blocks at half resolution have twice as many.'),
    blocks: z.int().min(0).max(9).default(1).describe('Residual blocks at half resolution (the paper: 6 at 128 px, 9 at 256 px).'),
  }).prefault({}).describe('Both generators: 7×7 conv, one stride-2 conv, residual blocks, one stride-2 transposed conv, 7×7 conv to the other domain\'s channels. '
    + 'The defaults suit 28 px digits: on MNIST ↔ inverted MNIST, 8 channels and 1 block kept 97 % of digits at step 250 where 16 and 2 kept 62 % (a larger translator is free to redraw digits).'),
  discriminator: z.strictObject({
    channels: z.int().min(4).max(128).default(16).describe('Channels of the first 4×4 convolution; each next stride-2 layer doubles them.'),
    layers: z.int().min(1).max(4).default(2).describe('Stride-2 convolutions before the 1-channel score map: each patch score sees a region that grows with them.'),
  }).prefault({}).describe('Both discriminators: PatchGAN, a map of scores, one per overlapping patch.'),
  cycleWeight: z.number().min(0).max(1000).default(10).describe('λ: weight of the cycle-consistency L1 loss ‖G_BA(G_AB(a)) − a‖₁ + ‖G_AB(G_BA(b)) − b‖₁.'),
  identityWeight: z.number().min(0).max(10).default(0).describe(
    'Identity loss weight, relative to λ (the paper: 0.5 for photo ↔ painting): G_AB(b) should be b, G_BA(a) a. Needs domains with the same channels.'),
  poolSize: z.int().min(0).max(1000).default(50).describe(
    'Generated images each discriminator may be shown again from a history (Shrivastava et al. 2017): half of each batch\'s fakes are swapped for older ones once the pool is full. 0: no pool.'),
});
