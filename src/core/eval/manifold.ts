import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { readAndFree } from '../backend/reads';
import { tf } from '../backend/tf';

/** Neighbours that set each example's ball: k = 5, as both papers recommend. */
export const MANIFOLD_NEIGHBOURS = 5;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019) and density and coverage (Naeem et al.
 * 2020), in a feature space. Each real example's ball reaches its k-th nearest real neighbour (each
 * generated one's, its k-th nearest generated neighbour):
 * - precision: the share of generated examples inside some real ball (are samples realistic?);
 * - recall: the share of real examples inside some generated ball (is the data's variety covered?);
 * - density: real balls containing each generated example, over k, averaged (1 ≈ as packed as the
 *   data; unbounded, so a generator crowding the densest region scores above 1);
 * - coverage: the share of real balls holding at least one generated example (recall that
 *   generated outliers cannot inflate).
 */
export interface ManifoldFigures {
  readonly precision: number;
  readonly recall: number;
  readonly density: number;
  readonly coverage: number;
}

/** A set of features and each one's ball: its squared distance to its k-th nearest neighbour in the set. */
export interface FeatureBalls {
  /** count×dims, example-major. */
  readonly features: Float32Array;
  readonly radii: Float32Array;
}

/** The balls of a feature set (the real digits': computed once per sample size, reused by every evaluation). */
export async function featureBalls(features: Float32Array, dims: number, k = MANIFOLD_NEIGHBOURS): Promise<FeatureBalls> {
  const count = features.length / dims;
  if (count <= k) throw new Error(`precision and recall need more than ${k} examples per set; got ${count}`);
  const [distances] = await readAndFree(tf.tidy(() => {
    const x = tf.tensor2d(features, [count, dims]);
    return squaredDistances(x, x);
  }));
  return { features, radii: kthNeighbour(distances, count, k) };
}

/** Generated `fake` features (count×dims, example-major) against the real set's balls. */
export async function manifoldFigures(real: FeatureBalls, fake: Float32Array, dims: number, k = MANIFOLD_NEIGHBOURS): Promise<ManifoldFigures> {
  const n = real.features.length / dims;
  const m = fake.length / dims;
  if (n <= k || m <= k) throw new Error(`precision and recall need more than ${k} real and generated examples; got ${n} and ${m}`);
  const realRadii = real.radii;
  const { radii: fakeRadii } = await featureBalls(fake, dims, k);
  const [realFake] = await readAndFree(tf.tidy(() => squaredDistances(tf.tensor2d(real.features, [n, dims]), tf.tensor2d(fake, [m, dims]))));
  let recalled = 0;
  let covered = 0;
  const inRealBall = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    let reached = false;
    let nearest = Infinity;
    for (let j = 0; j < m; j++) {
      const d = realFake[i * m + j]!;
      if (d <= realRadii[i]!) inRealBall[j]! += 1;
      if (d <= fakeRadii[j]!) reached = true;
      if (d < nearest) nearest = d;
    }
    if (reached) recalled++;
    if (nearest <= realRadii[i]!) covered++;
  }
  let precise = 0;
  let balls = 0;
  for (const count of inRealBall) {
    if (count > 0) precise++;
    balls += count;
  }
  return { precision: precise / m, recall: recalled / n, density: balls / (k * m), coverage: covered / n };
}

/** ‖aᵢ − bⱼ‖² for every pair, [rows of a, rows of b], clipped at 0 against rounding. */
function squaredDistances(a: Tensor2D, b: Tensor2D): Tensor {
  const aa = tf.sum(tf.square(a), 1, true);
  const bb = tf.transpose(tf.sum(tf.square(b), 1, true));
  return tf.relu(tf.sub(tf.add(aa, bb), tf.mul(2, tf.matMul(a, b, false, true))));
}

/** Each row's k-th smallest squared distance to the other rows (its own, the zero on the diagonal, left out). */
function kthNeighbour(distances: Float32Array, count: number, k: number): Float32Array {
  const radii = new Float32Array(count);
  const row = new Float32Array(count - 1);
  for (let i = 0; i < count; i++) {
    row.set(distances.subarray(i * count, i * count + i));
    row.set(distances.subarray(i * count + i + 1, (i + 1) * count), i);
    radii[i] = kthSmallest(row, k);
  }
  return radii;
}

/** The k-th smallest value (1-based), keeping the k smallest seen in a small sorted buffer. */
function kthSmallest(values: Float32Array, k: number): number {
  const smallest = new Array<number>(k).fill(Infinity);
  for (const value of values) {
    if (value >= smallest[k - 1]!) continue;
    let at = k - 1;
    while (at > 0 && smallest[at - 1]! > value) {
      smallest[at] = smallest[at - 1]!;
      at--;
    }
    smallest[at] = value;
  }
  return smallest[k - 1]!;
}
