import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { Dataset } from '../data/dataset';
import { gather } from '../data/sampler';
import { binCounts, mean, niceRange } from '../eval/histogram';
import type { AdversarialObjective } from '../objectives/adversarial';
import { renderImageGrid } from '../render/grid';
import { renderScatter } from '../render/scatter';
import type { HistogramRecord } from '../run/records';
import { Random } from '../util/random';
import { normalTensor } from './draws';

// Evaluation draws from its own streams, seeded by (seed, step): how often a run logs or samples
// must never change what it trains on.
const histogramSalt = 0x4157;
const fixedNoiseSalt = 0xf1ed;
const HISTOGRAM_EXAMPLES = 512;
/** 2D sample plots need enough points to show the modes, whatever samples.count says. */
const MIN_SCATTER_POINTS = 512;

/**
 * Histograms of D's displayed output on real and generated data, D and G in inference mode, over
 * the objective's fixed range (or, for unbounded critics, a range that spans this step's scores).
 */
export function discriminatorHistogram(
  step: number, seed: number, models: { generator: LayersModel; discriminator: LayersModel; latentSize: number },
  objective: AdversarialObjective, dataset: Dataset, bins: number,
): HistogramRecord {
  const random = Random.derive(seed, histogramSalt, step);
  const count = Math.min(HISTOGRAM_EXAMPLES, dataset.count);
  const indices = Array.from({ length: count }, () => random.int(dataset.count));
  const [real, fake] = tf.tidy(() => {
    const realBatch = tf.tensor(gather(dataset, indices), [count, ...dataset.exampleShape]);
    const fakeBatch = models.generator.apply(normalTensor(random, [count, models.latentSize]), { training: false }) as Tensor;
    const score = (batch: Tensor) => objective.displayed(models.discriminator.apply(batch, { training: false }) as Tensor);
    return [score(realBatch).dataSync(), score(fakeBatch).dataSync()];
  });
  const [lo, hi] = objective.histogramRange ?? niceRange([...real, ...fake]);
  return {
    step, lo, hi, real: binCounts(real, lo, hi, bins), fake: binCounts(fake, lo, hi, bins),
    realMean: mean(real), fakeMean: mean(fake),
  };
}

/** The run's fixed noise: the same z at every step, so saved grids show one set of samples evolving. */
export function fixedNoise(seed: number, count: number, latentSize: number): Float32Array {
  return Random.derive(seed, fixedNoiseSalt).fillNormal(new Float32Array(count * latentSize));
}

export function sampleCount(dataset: Dataset, requested: number): number {
  return dataset.kind === 'points' ? Math.max(requested, MIN_SCATTER_POINTS) : requested;
}

/** The generator's output for `noise` (inference mode), example-major. */
export function generateFromNoise(generator: LayersModel, noise: Float32Array, latentSize: number): Float32Array {
  const count = noise.length / latentSize;
  return tf.tidy(() =>
    (generator.apply(tf.tensor(noise, [count, latentSize]), { training: false }) as Tensor).dataSync() as Float32Array);
}

/** A PNG of generated examples: an image grid, or a scatter over real points for 2D data. */
export function renderExamples(generated: Float32Array, dataset: Dataset): Buffer {
  if (dataset.kind === 'points') {
    const shown = Math.min(dataset.count, 2000);
    return renderScatter(dataset.values.subarray(0, shown * 2), generated);
  }
  const scale = dataset.exampleShape[0]! <= 32 ? 2 : 1;
  return renderImageGrid(generated, dataset.exampleShape, { scale });
}

export function renderSamples(generator: LayersModel, noise: Float32Array, latentSize: number, dataset: Dataset): Buffer {
  return renderExamples(generateFromNoise(generator, noise, latentSize), dataset);
}
