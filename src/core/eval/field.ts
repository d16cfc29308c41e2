import { outputsAreProbabilities } from '../objectives/traits';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { readAndFree } from '../backend/reads';
import { tf } from '../backend/tf';
import type { Dataset } from '../data/dataset';
import { gather } from '../data/sampler';
import { criticOf, EVALUATION_CHUNK, generate, pointwiseCriticOf } from '../models/apply';
import { latentBatch, oneHot, type LatentValues } from '../models/latent';
import type { AdversarialObjective } from '../objectives/adversarial';
import type { FieldRecord, PlanePoint } from '../run/records';
import { Random } from '../util/random';
import { cellCentres, planeBounds } from './plane';

/** Grid cells per side: 1024 D evaluations, enough to show the decision surface's shape. */
export const FIELD_GRID_SIZE = 32;
/** Real and generated points per record; more would only grow every line of field.jsonl. */
export const FIELD_POINTS = 256;
// The real subset has its own stream so it is the same at every step and independent of training.
const fieldRealSalt = 0xf1e1d;
/** Lattice points per side of the latent-space view: 15 × 15 z values, G's mesh over the plane. */
export const LATENT_GRID_SIZE = 15;
/** The lattice spans ±this many standard deviations of z: where nearly all of G's inputs fall. */
const LATENT_GRID_SIGMAS = 2;

/**
 * The "GAN Lab" view of a step for 2D data, both networks in inference mode: D's displayed output
 * on the plane's grid, a fixed real subset, G's output for the run's fixed noise, and per generated
 * point −∂(generator loss)/∂x, the direction gradient descent on G's loss pushes that sample.
 * `noise` holds the fixed z rows; `conditions` the labels (conditional GAN) or codes (InfoGAN) that
 * go with them. A conditional D's map is its output averaged over the classes.
 */
export async function discriminatorField(
  step: number, seed: number, models: { generator: LayersModel; discriminator: LayersModel; latentSize: number; latent?: { readonly noiseStd?: number } },
  objective: AdversarialObjective, dataset: Dataset, noise: Float32Array, conditions: Pick<LatentValues, 'labels' | 'codes'> = {},
): Promise<FieldRecord> {
  const latents: LatentValues = { count: noise.length / models.latentSize, z: noise, ...conditions };
  const lattice = latentLattice(models.latentSize, models.latent?.noiseStd ?? 1, conditions, latents.count);
  return planeField(step, seed, dataset, outputsAreProbabilities(objective.kind), (grid) => {
    const latent = latentBatch(latents, 0, Math.min(FIELD_POINTS, latents.count));
    const fake = generate(models.generator, latent, false);
    const score = criticOf(models.discriminator, latent.labels, false, EVALUATION_CHUNK);
    // A function of the points, not of G's weights: how the loss changes as each sample moves.
    const lossGradient = tf.grad((x: Tensor) => objective.generatorLoss(score(x)));
    return {
      scores: planeScores(models.discriminator, objective, grid, latent.labels?.shape[1]), fake, arrows: tf.neg(lossGradient(fake)),
      latentGrid: { ...lattice.info, points: generate(models.generator, latentBatch(lattice.values), false) },
    };
  });
}

/**
 * GAN Lab's latent-space view: a lattice over the first one or two dimensions of z (±2σ, the
 * other dimensions 0, the first fixed row's label or code when G takes one) for G to map into the
 * plane, where it shows as a deformed mesh.
 */
function latentLattice(latentSize: number, noiseStd: number, conditions: Pick<LatentValues, 'labels' | 'codes'>, rows: number): {
  readonly values: LatentValues; readonly info: { readonly size: number; readonly dims: 1 | 2; readonly range: number };
} {
  const size = LATENT_GRID_SIZE;
  const dims = latentSize >= 2 ? 2 : 1;
  const range = LATENT_GRID_SIGMAS * noiseStd;
  const count = dims === 2 ? size * size : size;
  const z = new Float32Array(count * latentSize);
  const at = (index: number) => -range + (2 * range * index) / (size - 1);
  for (let row = 0; row < count; row++) {
    z[row * latentSize] = at(row % size);
    if (dims === 2) z[row * latentSize + 1] = at(Math.floor(row / size));
  }
  const repeat = (values: Float32Array | undefined) => {
    if (!values) return undefined;
    const width = values.length / rows;
    const first = values.subarray(0, width);
    const out = new Float32Array(count * width);
    for (let row = 0; row < count; row++) out.set(first, row * width);
    return out;
  };
  const labels = repeat(conditions.labels);
  const codes = repeat(conditions.codes);
  return { values: { count, z, ...(labels ? { labels } : {}), ...(codes ? { codes } : {}) }, info: { size, dims, range } };
}


/** One plane view's tensors: a score per grid cell, the shown generated points and the push on each; and G's image of a z lattice. */
export interface PlaneTensors {
  readonly scores: Tensor;
  readonly fake: Tensor;
  readonly arrows: Tensor;
  readonly latentGrid?: { readonly size: number; readonly dims: 1 | 2; readonly range: number; readonly points: Tensor };
}

/**
 * A plane view for 2D data from a family's own tensors (`compute` runs inside a tidy, on the grid's
 * cell centres), with the fixed real subset every plane shows. Scores are coloured over [0, 1]
 * when they are probabilities, else over the range seen.
 */
export async function planeField(
  step: number, seed: number, dataset: Dataset, probability: boolean, compute: (grid: Tensor) => PlaneTensors, scoreLabel?: string,
): Promise<FieldRecord> {
  if (dataset.kind !== 'points') throw new Error(`a field needs 2D points; ${dataset.description} is ${dataset.kind}`);
  const size = FIELD_GRID_SIZE;
  let lattice: Omit<NonNullable<PlaneTensors['latentGrid']>, 'points'> | undefined;
  const [scoreValues, fakeValues, arrowValues, latticeValues] = await readAndFree(...tf.tidy(() => {
    const { scores, fake, arrows, latentGrid } = compute(tf.tensor(cellCentres(planeBounds, size), [size * size, 2]));
    if (latentGrid) lattice = { size: latentGrid.size, dims: latentGrid.dims, range: latentGrid.range };
    return [scores, fake, arrows, ...(latentGrid ? [latentGrid.points] : [])] as const;
  }));
  const scores = Array.from(scoreValues, significant);
  return {
    step, bounds: planeBounds, size, scores,
    scoreRange: probability ? [0, 1] : [Math.min(...scores), Math.max(...scores)],
    ...(scoreLabel ? { scoreLabel } : {}),
    real: planePoints(gather(dataset, fixedSubset(seed, dataset.count, FIELD_POINTS))),
    fake: planePoints(fakeValues),
    arrows: planePoints(arrowValues),
    ...(lattice && latticeValues ? { latentGrid: { ...lattice, range: significant(lattice.range), points: planePoints(latticeValues) } } : {}),
  };
}

/** D's displayed output on the grid, each cell on its own; for a conditional D, the mean over every class's label. */
function planeScores(discriminator: LayersModel, objective: AdversarialObjective, grid: Tensor, classCount: number | undefined): Tensor {
  const cells = grid.shape[0]!;
  if (classCount === undefined) return objective.displayed(pointwiseCriticOf(discriminator, undefined, EVALUATION_CHUNK)(grid));
  const perClass = Array.from({ length: classCount }, (_, label) => {
    const labels = tf.tensor2d(oneHot(new Array<number>(cells).fill(label), classCount), [cells, classCount]);
    return objective.displayed(pointwiseCriticOf(discriminator, labels, EVALUATION_CHUNK)(grid));
  });
  return tf.div(tf.addN(perClass), classCount);
}

/** Up to `limit` distinct indices below `count`, the same for a seed and salt (a partial Fisher–Yates shuffle). */
export function fixedSubset(seed: number, count: number, limit: number, salt = fieldRealSalt): Int32Array {
  const random = Random.derive(seed, salt);
  const order = Int32Array.from({ length: count }, (_, i) => i);
  const taken = Math.min(limit, count);
  for (let i = 0; i < taken; i++) {
    const j = i + random.int(count - i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.subarray(0, taken);
}

function planePoints(values: ArrayLike<number>): PlanePoint[] {
  return Array.from({ length: values.length / 2 }, (_, i) => [significant(values[2 * i]!), significant(values[2 * i + 1]!)] as const);
}

/** Four significant digits: plenty for a plot, and it keeps each line of field.jsonl small. */
function significant(value: number): number {
  return Number(value.toPrecision(4));
}
