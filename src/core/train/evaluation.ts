import type { LayersModel } from '@tensorflow/tfjs-layers';
import { readAndFree } from '../backend/reads';
import { tf } from '../backend/tf';
import type { Dataset } from '../data/dataset';
import { gather, gatherLabels } from '../data/sampler';
import { binCounts, mean, niceRange } from '../eval/histogram';
import type { GanModels } from '../models';
import { criticOf, EVALUATION_CHUNK, generate } from '../models/apply';
import { latentBatch, type LatentValues } from '../models/latent';
import type { AdversarialObjective } from '../objectives/adversarial';
import { renderImageGrid } from '../render/grid';
import { renderScatter } from '../render/scatter';
import type { HistogramRecord } from '../run/records';
import { Random } from '../util/random';
import { drawLatents } from '../models/latentDraws';
import { sampleGrid, type SampleGrid } from './sampleGrid';

// Evaluation draws from its own streams, seeded by (seed, step): how often a run logs or samples
// must never change what it trains on.
const histogramSalt = 0x4157;
const fixedNoiseSalt = 0xf1ed;
const HISTOGRAM_EXAMPLES = 512;
/** 2D sample plots need enough points to show the modes, whatever samples.count says. */
const MIN_SCATTER_POINTS = 512;

type EvaluatedModels = Pick<GanModels, 'generator' | 'discriminator' | 'latent'>;

/**
 * Histograms of D's displayed output on real and generated data, D and G in inference mode, over
 * the objective's fixed range (or, for unbounded critics, a range that spans this step's scores).
 * A conditional model's generated half uses the real half's classes, as in training.
 */
export async function discriminatorHistogram(
  step: number, seed: number, models: EvaluatedModels, objective: AdversarialObjective, dataset: Dataset, bins: number,
): Promise<HistogramRecord> {
  const { random, count, real: realBatch } = histogramDraws(step, seed, dataset);
  const classes = models.latent.classes ? gatherLabels(dataset, realBatch.indices) : undefined;
  const [real, fake] = await readAndFree(...tf.tidy(() => {
    const latent = latentBatch(drawLatents(random, models.latent, count, classes));
    const fakeBatch = generate(models.generator, latent, false);
    const critic = criticOf(models.discriminator, latent.labels, false, EVALUATION_CHUNK);
    return [objective.displayed(critic(realBatch.tensor())), objective.displayed(critic(fakeBatch))] as const;
  }));
  return histogramRecord(step, real, fake, objective, bins);
}

/** A histogram step's draws: its own stream seeded by (seed, step), and a batch of real examples to make a tensor of inside a tidy. */
export function histogramDraws(step: number, seed: number, dataset: Dataset) {
  const random = Random.derive(seed, histogramSalt, step);
  const count = Math.min(HISTOGRAM_EXAMPLES, dataset.count);
  const indices = Array.from({ length: count }, () => random.int(dataset.count));
  return { random, count, real: { indices, tensor: () => tf.tensor(gather(dataset, indices), [count, ...dataset.exampleShape]) } };
}

/** D's displayed outputs binned over the objective's fixed range (or, for unbounded critics, a range spanning both). */
export function histogramRecord(step: number, real: Float32Array, fake: Float32Array, objective: AdversarialObjective, bins: number): HistogramRecord {
  const [lo, hi] = objective.histogramRange ?? niceRange([...real, ...fake]);
  return {
    step, lo, hi, real: binCounts(real, lo, hi, bins), fake: binCounts(fake, lo, hi, bins),
    realMean: mean(real), fakeMean: mean(fake),
  };
}

/** The run's fixed sample latents: the same at every step, so saved grids show one set of samples evolving. */
export function fixedSamples(seed: number, models: Pick<GanModels, 'latent'>, dataset: Dataset, requested: number): SampleGrid {
  const count = dataset.kind === 'points' ? Math.max(requested, MIN_SCATTER_POINTS) : requested;
  return sampleGrid(models.latent, Random.derive(seed, fixedNoiseSalt), count, dataset);
}

/** The generator's output for `latents` (inference mode), example-major. */
export async function generateFrom(generator: LayersModel, latents: LatentValues): Promise<Float32Array> {
  const [values] = await readAndFree(tf.tidy(() => generate(generator, latentBatch(latents), false)));
  return values;
}

/** The generator's output for noise alone (an unconditional model), example-major. */
export function generateFromNoise(generator: LayersModel, noise: Float32Array, latentSize: number): Promise<Float32Array> {
  return generateFrom(generator, { count: noise.length / latentSize, z: noise });
}

/** A PNG of generated examples: an image grid (`columns` per row when rows mean something), or a scatter over real points for 2D data. */
export function renderExamples(generated: Float32Array, dataset: Dataset, columns?: number): Buffer {
  if (dataset.kind === 'points') {
    const shown = Math.min(dataset.count, 2000);
    return renderScatter(dataset.values.subarray(0, shown * 2), generated);
  }
  const scale = dataset.exampleShape[0]! <= 32 ? 2 : 1;
  return renderImageGrid(generated, dataset.exampleShape, { scale, ...(columns !== undefined ? { columns } : {}) });
}

export async function renderSamples(generator: LayersModel, grid: SampleGrid, dataset: Dataset): Promise<Buffer> {
  return renderExamples(await generateFrom(generator, grid.latents), dataset, grid.columns);
}
