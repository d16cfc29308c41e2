import type { Random } from '../util/random';
import type { GaussianMixture } from './dataset';

/**
 * A toy distribution sampled in its own coordinates, before normalisation. `extent` bounds
 * |x| and |y| (centres + 3σ) from the parameters alone, so the scale to [-1, 1] does not depend on
 * which points the seed happened to draw.
 */
export interface ToyShape {
  readonly description: string;
  /** count × 2 coordinates, point-major. */
  readonly points: Float32Array;
  readonly extent: number;
  readonly mixture?: GaussianMixture;
}

type Point = readonly [number, number];

/** Gaussian mixture with exactly proportional mode counts, in shuffled order. */
export function sampleMixture(
  rng: Random, centers: readonly Point[], sigma: number, count: number,
  weights: readonly number[] = centers.map(() => 1),
): { points: Float32Array; extent: number; mixture: GaussianMixture } {
  const modeOfPoint = new Uint32Array(count);
  let filled = 0;
  allocate(weights, count).forEach((modeCount, mode) => {
    modeOfPoint.fill(mode, filled, filled + modeCount);
    filled += modeCount;
  });
  // Shuffled so that any prefix of the dataset (e.g. the real points of a scatter plot) shows every mode.
  const order = rng.permutation(count);
  const points = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const [cx, cy] = centers[modeOfPoint[order[i]!]!]!;
    points[2 * i] = cx + sigma * rng.normal();
    points[2 * i + 1] = cy + sigma * rng.normal();
  }
  const reach = Math.max(...centers.map(([x, y]) => Math.max(Math.abs(x), Math.abs(y))));
  return { points, extent: reach + 3 * sigma, mixture: { centers, sigma } };
}

/** Splits `count` over `weights` by largest remainder, so counts sum to `count` exactly. */
export function allocate(weights: readonly number[], count: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * count);
  const counts = exact.map(Math.floor);
  const byRemainder = exact.map((value, i) => ({ i, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  const missing = count - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) counts[byRemainder[k]!.i]!++;
  return counts;
}
