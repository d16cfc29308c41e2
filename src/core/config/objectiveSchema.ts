import { z } from 'zod';

export const objectiveSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('minimax').describe('The original saturating loss: G minimises log(1 − D(G(z))).'),
  }),
  z.strictObject({
    kind: z.literal('non-saturating').describe('G maximises log D(G(z)) instead (the paper\'s practical variant).'),
  }),
  z.strictObject({
    kind: z.literal('least-squares').describe('LSGAN (Mao et al. 2017): squared error towards the labels 1 (real) and 0 (fake).'),
  }),
  z.strictObject({
    kind: z.literal('wasserstein').describe('WGAN critic loss E[D(G(z))] − E[D(x)].'),
    weightClip: z.number().positive().max(10).optional()
      .describe('Clip every critic weight to [−c, c] after each critic step (original WGAN). Use a gradient penalty instead for WGAN-GP.'),
  }),
  z.strictObject({
    kind: z.literal('hinge').describe('Hinge loss (Lim & Ye 2017; SAGAN, BigGAN).'),
  }),
]).describe('The adversarial loss.');

export type ObjectiveConfig = z.output<typeof objectiveSchema>;
export type ObjectiveKind = ObjectiveConfig['kind'];

/** A random similarity warp per image (and stroke change): D's augmentation, and Triple-GAN's consistency views. */
export const augmentationSchema = z.strictObject({
  rotation: z.number().min(0).max(180).default(10).describe('Largest rotation, in degrees either way.'),
  translation: z.number().min(0).max(64).default(2).describe('Largest shift, in pixels along each axis either way.'),
  scale: z.number().min(0).max(0.5).default(0.1).describe('Largest zoom either way, as a fraction of the size (0.1: 90–110 %).'),
  thickness: z.number().min(0).max(1).default(0)
    .describe('Largest stroke change either way: how far an image is blended towards its 3×3 dilation (thicker) or erosion (thinner); 0: off.'),
});

export const regularizersSchema = z.strictObject({
  gradientPenalty: z.strictObject({
    weight: z.number().positive().max(1000).default(10).describe('λ in λ·E[(‖∇D(x̂)‖ − 1)²] on random interpolates x̂ (WGAN-GP).'),
  }).optional().describe('Gradient penalty of Gulrajani et al. 2017.'),
  r1: z.strictObject({
    gamma: z.number().positive().max(1000).default(10).describe('γ in (γ/2)·E[‖∇D(x)‖²] on real data.'),
    // Optional rather than defaulted: configs that leave it out resolve, and hash, as they did before it existed.
    every: z.int().min(1).max(1000).optional()
      .describe('Lazy regularization (StyleGAN2): compute the penalty on every k-th D step only, multiplied by k (default 1: every step). '
        + 'The chart shows it on the steps it is computed.'),
  }).optional().describe('R1 penalty on real data (Mescheder et al. 2018).'),
  instanceNoise: z.strictObject({
    sigma: z.number().positive().max(10).default(0.1).describe('Standard deviation of the Gaussian noise added to every input of D.'),
    annealSteps: z.int().min(0).default(0).describe('Anneal σ linearly to 0 over this many steps (0: keep it constant).'),
  }).optional().describe('Instance noise: blur both distributions so D cannot separate them perfectly.'),
  augmentation: augmentationSchema.optional().describe('Differentiable augmentation (Zhao et al. 2020), for image data: every image D sees, real or generated, in both '
    + 'steps, gets its own random rotation, zoom and shift (and stroke thickness), and G learns through the warp. D cannot memorise a small data set, and '
    + 'an InfoGAN\'s Q must read the codes from a warped image, so they cannot hide in slant, size, position (or stroke width).'),
  labelSmoothing: z.number().gt(0).lt(1).optional()
    .describe('One-sided label smoothing: the target for real data becomes 1 − this (e.g. 0.1 → 0.9).'),
}).describe('Regularizers and discriminator weakening.');

export type RegularizersConfig = z.output<typeof regularizersSchema>;
