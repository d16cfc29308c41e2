import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import type { Dataset } from '../data/dataset';
import { gather } from '../data/sampler';
import type { AdversarialObjective } from '../objectives/adversarial';
import type { HistogramKey } from '../run/histogramKeys';
import type { HistogramRecord } from '../run/records';
import { Random } from '../util/random';
import { binCounts, mean, niceRange } from './histogram';

// Histograms draw from their own stream, seeded by (seed, step): how often a run logs them must
// never change what it trains on.
const histogramSalt = 0x4157;
const HISTOGRAM_EXAMPLES = 512;

export interface HistogramDraws {
  readonly random: Random;
  readonly count: number;
  readonly real: { readonly indices: readonly number[]; tensor(): Tensor };
}

/** A histogram step's draws: its own stream seeded by (seed, step), and a batch of real examples to make a tensor of inside a tidy. */
export function histogramDraws(step: number, seed: number, dataset: Dataset): HistogramDraws {
  const random = Random.derive(seed, histogramSalt, step);
  const count = Math.min(HISTOGRAM_EXAMPLES, dataset.count);
  const indices = Array.from({ length: count }, () => random.int(dataset.count));
  return { random, count, real: { indices, tensor: () => tf.tensor(gather(dataset, indices), [count, ...dataset.exampleShape]) } };
}

/** D's displayed outputs binned over the objective's fixed range (or, for unbounded critics, a range spanning both). */
export function histogramRecord(
  key: HistogramKey, step: number, real: Float32Array, fake: Float32Array, objective: AdversarialObjective, bins: number,
): HistogramRecord {
  const [lo, hi] = objective.histogramRange ?? niceRange([...real, ...fake]);
  return {
    ...key, step, lo, hi, real: binCounts(real, lo, hi, bins), fake: binCounts(fake, lo, hi, bins),
    realMean: mean(real), fakeMean: mean(fake),
  };
}

