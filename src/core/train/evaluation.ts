import type { LayersModel } from '@tensorflow/tfjs-layers';
import { readAndFree } from '../backend/reads';
import { tf } from '../backend/tf';
import type { Dataset } from '../data/dataset';
import type { GanModels } from '../models';
import { generate } from '../models/apply';
import { latentBatch, type LatentValues } from '../models/latent';
import { renderImageGrid } from '../render/grid';
import { renderScatter } from '../render/scatter';
import { Random } from '../util/random';
import { sampleGrid, type SampleGrid } from './sampleGrid';

// Evaluation draws from its own streams, seeded by (seed, step): how often a run logs or samples
// must never change what it trains on.
const fixedNoiseSalt = 0xf1ed;
/** 2D sample plots need enough points to show the modes, whatever samples.count says. */
const MIN_SCATTER_POINTS = 512;

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
