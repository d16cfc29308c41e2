import { z } from 'zod';
import { optimizerSchema } from '../../config/trainingSchema';

export const dannSection = z.strictObject({
  kind: z.literal('dann').describe(
    'Domain-adversarial training (Ganin et al. 2016): a feature extractor F learns to classify the labelled source domain (data.a) '
    + 'with a label head, while a domain head behind a gradient reversal layer tries to tell source features from target (data.b) '
    + 'features, and F learns to make them indistinguishable. The target\'s labels are never trained on by F; they measure. Beside it, '
    + 'the same network from the same initial weights trains on the source alone (source-only, λ = 0) and on the target\'s labels (the upper bound).'),
  features: z.strictObject({
    channels: z.int().min(4).max(128).default(16).describe('Filters of F\'s first 5×5 convolution; the second has twice as many.'),
  }).prefault({}).describe('F: conv 5×5 – max-pool – conv 5×5 – max-pool, flattened (the features); the label head: dense 64 – class logits; ReLU between.'),
  domainHead: z.strictObject({
    units: z.int().min(4).max(1024).default(100).describe('Units of the domain head\'s hidden layer (Ganin et al.: 100).'),
  }).prefault({}).describe('The domain head: dense (ReLU) – one logit, source 0, target 1.'),
  domainWeight: z.number().min(0).max(10).default(1).describe(
    'λ: how strongly F\'s gradient from the domain head is reversed (at the end of the schedule). 0: source-only training.'),
  schedule: z.enum(['ganin', 'constant']).default('ganin').describe(
    'How λ grows over training: ganin, λ·(2/(1+e^(−10p)) − 1) with p the share of steps done (0 at the start, so the domain head learns '
    + 'before F is pushed); constant, λ from the first step.'),
  optimizer: optimizerSchema.prefault({ kind: 'adam', learningRate: 1e-3, beta1: 0.9 })
    .describe('Optimizer of F and its heads and, each with its own state, of the two comparison networks (Adam, learning rate 0.001, β1 0.9 unless set).'),
});

export type DannSection = z.output<typeof dannSection>;

/** λ at `step` of `steps`: Ganin et al.'s schedule, rising from 0 to `weight`, or `weight` throughout. */
export function domainWeightAt(section: Pick<DannSection, 'schedule'>, weight: number, step: number, steps: number): number {
  if (section.schedule === 'constant') return weight;
  const progress = steps > 0 ? Math.min(1, step / steps) : 1;
  return weight * (2 / (1 + Math.exp(-10 * progress)) - 1);
}
