import { DEFAULT_STEPS } from './schema';
import type { GanConfig } from './schema';

/**
 * Generator steps a run trains for. `epochs` counts passes over the real data, and every
 * discriminator step consumes one real batch, so an epoch is count / (batchSize · dSteps) G-steps.
 */
export function resolveSteps(config: GanConfig, datasetCount: number): number {
  const { steps, epochs, batchSize, dSteps } = config.training;
  if (steps !== undefined) return steps;
  if (epochs !== undefined) return Math.max(1, Math.ceil((epochs * datasetCount) / (batchSize * dSteps)));
  return DEFAULT_STEPS;
}
