import { z } from 'zod';

/**
 * Scheduled evaluation of the generator. Off unless `every` is set: FID on digits costs about as
 * much as a few training steps, so a user asks for it; `gan-studio eval` (and the extension's
 * Evaluate Run) measures any run on demand with the same settings.
 */
export const evaluationSchema = z.strictObject({
  every: z.int().min(1).optional()
    .describe('Evaluate the generator every N steps and at the end (default: only on demand, with `gan-studio eval` or Evaluate Run).'),
  samples: z.int().min(100).max(10_000).default(2500)
    .describe('Generated samples per evaluation: 2,500 as in the VEEGAN/PacGAN mode-coverage tables; FID compares as many real digits.'),
}).describe('Measurements that tell whether the GAN learned, written to metrics.jsonl: modes covered, high-quality share and '
  + 'mode-histogram KL for Gaussian mixtures; for MNIST digits the Fréchet distance of the shipped classifier\'s features '
  + '(with the real-vs-real floor), label accuracy of a conditional GAN and categorical-code accuracy of an InfoGAN.');

export type EvaluationConfig = z.output<typeof evaluationSchema>;
