import { z } from 'zod';
import { augmentationSchema } from '../../config/objectiveSchema';
import { optimizerSchema } from '../../config/trainingSchema';

export const tripleGanSection = z.strictObject({
  kind: z.literal('triple-gan').describe(
    'Triple-GAN (Li et al. 2017): semi-supervised classification with a classifier C: x → y as a third player. The conditional '
    + 'G: (z, y) → x and D on (x, y) pairs come from the model section (set model.conditional); D learns labelled pairs as real, '
    + 'G\'s pairs and C\'s pseudo-labelled unlabelled digits as fake; C learns from the labels it has, from fooling D, and from G\'s pairs. '
    + 'A baseline classifier of the same architecture and initial weights learns from the same labels alone, for the same number of updates.'),
  labelsPerClass: z.int().min(1).max(1000).default(10).describe(
    'Labelled training examples kept per class (Li et al.: 10, i.e. 100 labels). The rest of the training part is unlabelled, its labels '
    + 'dropped; the held-out fifth (every 5th example of each class) is the test set, never trained on.'),
  classifier: z.strictObject({
    channels: z.int().min(4).max(128).default(16).describe('Filters of the first 5×5 convolution; the second has twice as many (the shipped digit classifier\'s shape at 16).'),
  }).prefault({}).describe('C and the baseline: conv 5×5 – max-pool – conv 5×5 – max-pool – dense 64 – class logits, ReLU between (same padding, so any image side from 4 px).'),
  classifierOptimizer: optimizerSchema.prefault({ kind: 'adam', learningRate: 1e-3, beta1: 0.9 })
    .describe('Optimizer of C and, with its own state, of the baseline (Adam, learning rate 0.001, β1 0.9 unless set).'),
  adversarialWeight: z.number().min(0).max(10).default(0.5).describe(
    'Weight of C\'s term for making D accept its pseudo-labelled pairs (each weighted by C\'s confidence, as Li et al.\'s argmax approximation). 0: C ignores D.'),
  pseudoLabelWeight: z.number().min(0).max(10).default(0.1).describe('α_P: weight of C\'s cross-entropy on G\'s pairs (G(z, y), y), the pseudo-label term (the paper: 0.1).'),
  pseudoLabelFrom: z.int().min(0).max(10_000_000).default(500).describe('The step from which C learns from G\'s pairs: before it, G draws noise that would teach C nothing.'),
  consistency: z.strictObject({
    weight: z.number().min(0).max(100).default(0).describe('Weight of the term (0: off).'),
    augmentation: augmentationSchema.prefault({}).describe('The random warp of each unlabelled digit (rotation, shift, zoom, stroke).'),
  }).prefault({}).describe(
    'Triple-GAN-V2\'s consistency regularization of C (Li et al. 2021): C\'s answer on a randomly warped unlabelled digit is held to its '
    + 'answer on the digit as it is, so its decisions follow what a digit shows, not where or how large it is drawn.'),
  entropyWeight: z.number().min(0).max(10).default(0).describe('Weight of the entropy of C\'s predictions on unlabelled digits (lower: confident predictions; the official code\'s regularizer). 0: off.'),
});

export type TripleGanSection = z.output<typeof tripleGanSection>;
