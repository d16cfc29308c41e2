import { z } from 'zod';

/** How a conditional discriminator sees the label. */
export const labelInputKinds = ['concat', 'projection'] as const;

export const conditionalSchema = z.strictObject({
  embeddingSize: z.int().min(1).max(1024).default(16)
    .describe('Size of the learned label embedding the generator joins to z.'),
  discriminator: z.enum(labelInputKinds).default('projection')
    .describe('How D sees the label: concat joins the one-hot label to its input (extra channels for dcgan); '
      + 'projection adds ⟨embedding(y), φ(x)⟩ to its score (Miyato & Koyama 2018).'),
  mismatchedLabels: z.boolean().default(true)
    .describe('D also learns that a real example with a wrong label is fake (the matching-aware discriminator of Reed et al. 2016). '
      + 'Without it D stops checking labels once G draws the right classes, and G drifts away from them.'),
}).describe('Conditional GAN: the data\'s class labels condition both networks, and sample grids show one row per class. '
  + 'Needs labelled data: mnist, a folder with class subfolders, idx with labels, or a Gaussian mixture (ring, grid, '
  + 'two-gaussians, blobs), whose mode is the label.');

const continuousCode = z.strictObject({
  min: z.number().min(-100).max(100).default(-1).describe('Lower end of the code\'s uniform range.'),
  max: z.number().min(-100).max(100).default(1).describe('Upper end of the code\'s uniform range.'),
}).describe('A continuous code, drawn uniformly from [min, max].');

// Optional, so configs without it resolve, and hash, as before it existed.
const realConsistency = z.strictObject({
  weight: z.number().min(0).max(100).default(1)
    .describe('Weight of the consistency term: the cross-entropy of Q\'s answer on an augmented real image against its answer on the '
      + 'unaugmented image, held fixed (no gradient through the target).'),
  conditionalEntropy: z.number().min(0).max(100).default(0.1)
    .describe('Weight of the mean entropy of Q\'s answer per real image (lowered: Q answers confidently).'),
  marginalEntropy: z.number().min(0).max(100).default(0.4)
    .describe('Weight of the entropy of Q\'s batch-mean answer on real images (raised: Q uses every category).'),
}).describe('IMSAT (Hu et al. 2017) on InfoGAN\'s categorical codes: Q also sorts the real images, in D\'s update, into groups that '
  + 'are confident, balanced and unchanged by the augmentation, so a category must be a group the real data has. Needs '
  + 'regularizers.augmentation. Defaults: the paper\'s λ 0.1 and μ 4 (so H(Y) weighs λ·μ = 0.4).');

export const infoganSchema = z.strictObject({
  categorical: z.array(z.int().min(2).max(100)).max(8).default([10])
    .describe('One entry per categorical code: its number of categories k, drawn uniformly. Grids show one row per category of the first.'),
  continuous: z.array(continuousCode).max(8).default([])
    .describe('Continuous codes, each drawn uniformly from its range ({} is [−1, 1]). Grid columns sweep the first across its range.'),
  weight: z.number().min(0).max(100).default(1)
    .describe('λ: weight of the categorical codes\' mutual-information term −log Q(c|G(z,c)) in both losses.'),
  continuousWeight: z.number().min(0).max(100).default(0.1)
    .describe('λ for the continuous codes\' Gaussian negative log-likelihood; smaller, as the paper advises, to keep it on the scale of the other terms.'),
  headHidden: z.int().min(0).max(4096).default(128)
    .describe('Width of the Q head\'s hidden layer on the discriminator\'s features (0: a linear head).'),
  realConsistency: realConsistency.optional(),
}).describe('InfoGAN (Chen et al. 2016): the generator also gets latent codes c, and a Q head on the discriminator\'s trunk '
  + 'learns to recover them from G(z, c), so G puts interpretable factors into them.');

export const minibatchDiscriminationSchema = z.strictObject({
  kernels: z.int().min(1).max(256).default(16)
    .describe('B: how many closeness features are appended to D\'s features.'),
  dims: z.int().min(1).max(64).default(8)
    .describe('C: the size of each kernel\'s projection whose L1 distances are compared across the batch.'),
}).describe('Minibatch discrimination (Salimans et al. 2016): before its last layer, D sees how close each example is to the '
  + 'others in its batch, so a generator that collapses onto a few outputs is easy to spot.');

// Optional rather than defaulted (1): configs that leave it out resolve, and hash, as before it existed.
export const packingSchema = z.int().min(2).max(8)
  .describe('PacGAN (Lin et al. 2018): D judges this many examples at once, all real or all generated, side by side in one input '
    + '(2–4 in the paper). A generator that drops modes makes packs of look-alikes, which D learns to spot. Must divide training.batchSize.');

// Optional rather than defaulted (false): configs that leave it out resolve, and hash, as before it existed.
export const spectralNormSchema = z.boolean()
  .describe('Spectral normalization (Miyato et al. 2018): every dense layer and convolution of D (its score and projection layers too) '
    + 'computes with its weights divided by their largest singular value, estimated by one power-iteration step per update. D becomes '
    + 'about 1-Lipschitz, so its gradients stay informative without a penalty; usually with batchNorm off in D.');

export type ConditionalConfig = z.output<typeof conditionalSchema>;
export type InfoganConfig = z.output<typeof infoganSchema>;
export type MinibatchDiscriminationConfig = z.output<typeof minibatchDiscriminationSchema>;
