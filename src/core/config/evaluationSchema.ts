import { z } from 'zod';

/**
 * Scheduled evaluation of the generator. On digits, off unless `every` is set: FID costs about as
 * much as a few training steps, so a user asks for it. On a Gaussian mixture (ring, grid, …) it
 * is on by default, with each sample picture: modes covered costs about 0.05 s and is the figure
 * a student watches. `gan-studio eval` (and the extension's Evaluate Run) measures any run on
 * demand with the same settings.
 */
export const evaluationSchema = z.strictObject({
  every: z.int().min(1).optional()
    .describe('Evaluate the generator every N steps and at the end (default: with every sample picture (samples.every) on Gaussian '
      + 'mixtures, where it costs little; otherwise only on demand, with `gan-studio eval` or Evaluate Run).'),
  samples: z.int().min(100).max(10_000).default(2500)
    .describe('Generated samples per evaluation: 2,500 as in the VEEGAN/PacGAN mode-coverage tables; FID compares as many real digits.'),
}).describe('Measurements that tell whether the GAN learned, written to metrics.jsonl: modes covered, high-quality share and '
  + 'mode-histogram KL for Gaussian mixtures; for MNIST digits the Fréchet distance of the shipped classifier\'s features '
  + '(with the real-vs-real floor), label accuracy of a conditional GAN and categorical-code accuracy of an InfoGAN.');

export type EvaluationConfig = z.output<typeof evaluationSchema>;

/** The data kinds whose samples are scored against known modes (modes covered, high quality, mode KL). */
export const MIXTURE_KINDS: readonly string[] = ['ring', 'grid', 'two-gaussians', 'blobs'];

/** How often a run evaluates its generator while training: `evaluation.every`, else with each sample picture on a mixture, else never. */
export function evaluationEvery(config: { readonly data: { readonly kind: string }; readonly evaluation: EvaluationConfig; readonly samples: { readonly every: number } }): number | undefined {
  return config.evaluation.every ?? (MIXTURE_KINDS.includes(config.data.kind) ? config.samples.every : undefined);
}
