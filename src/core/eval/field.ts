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
/** Objectives whose `displayed` output is a sigmoid probability, coloured over [0, 1]. */

/**
 * The "GAN Lab" view of a step for 2D data, both networks in inference mode: D's displayed output
 * on the plane's grid, a fixed real subset, G's output for the run's fixed noise, and per generated
 * point −∂(generator loss)/∂x, the direction gradient descent on G's loss pushes that sample.
 * `noise` holds the fixed z rows; `conditions` the labels (conditional GAN) or codes (InfoGAN) that
 * go with them. A conditional D's map is its output averaged over the classes.
 */
export async function discriminatorField(
  step: number, seed: number, models: { generator: LayersModel; discriminator: LayersModel; latentSize: number },
  objective: AdversarialObjective, dataset: Dataset, noise: Float32Array, conditions: Pick<LatentValues, 'labels' | 'codes'> = {},
): Promise<FieldRecord> {
  const latents: LatentValues = { count: noise.length / models.latentSize, z: noise, ...conditions };
  return planeField(step, seed, dataset, outputsAreProbabilities(objective.kind), (grid) => {
    const latent = latentBatch(latents, 0, Math.min(FIELD_POINTS, latents.count));
    const fake = generate(models.generator, latent, false);
    const score = criticOf(models.discriminator, latent.labels, false, EVALUATION_CHUNK);
    // A function of the points, not of G's weights: how the loss changes as each sample moves.
    const lossGradient = tf.grad((x: Tensor) => objective.generatorLoss(score(x)));
    return { scores: planeScores(models.discriminator, objective, grid, latent.labels?.shape[1]), fake, arrows: tf.neg(lossGradient(fake)) };
  });
}

/** One plane view's tensors: a score per grid cell, the shown generated points and the push on each. */
export interface PlaneTensors {
  readonly scores: Tensor;
  readonly fake: Tensor;
  readonly arrows: Tensor;
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
  const [scoreValues, fakeValues, arrowValues] = await readAndFree(...tf.tidy(() => {
    const { scores, fake, arrows } = compute(tf.tensor(cellCentres(planeBounds, size), [size * size, 2]));
    return [scores, fake, arrows] as const;
  }));
  const scores = Array.from(scoreValues, significant);
  return {
    step, bounds: planeBounds, size, scores,
    scoreRange: probability ? [0, 1] : [Math.min(...scores), Math.max(...scores)],
    ...(scoreLabel ? { scoreLabel } : {}),
    real: planePoints(gather(dataset, fixedSubset(seed, dataset.count, FIELD_POINTS))),
    fake: planePoints(fakeValues),
    arrows: planePoints(arrowValues),
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
