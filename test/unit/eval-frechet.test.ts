import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitGaussian, frechetDistance, type FeatureGaussian } from '../../src/core/eval/frechet';
import { multiply, symmetricEigen, symmetricSqrt, transpose } from '../../src/core/eval/linalg';
import { Random } from '../../src/core/util/random';

const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);

function gaussian(mean: number[], covariance: Float64Array): FeatureGaussian {
  return { dims: mean.length, count: 100, mean: Float64Array.from(mean), covariance };
}

/** A random symmetric positive definite matrix A·Aᵀ + εI (A has entries N(0, 1)). */
function randomSpd(random: Random, n: number): Float64Array {
  const a = Float64Array.from({ length: n * n }, () => random.normal());
  const spd = multiply(a, transpose(a, n), n);
  for (let i = 0; i < n; i++) spd[i * n + i]! += 0.1;
  return spd;
}

/** A random orthogonal matrix: the eigenvectors of a random symmetric one. */
function randomRotation(random: Random, n: number): Float64Array {
  return symmetricEigen(randomSpd(random, n), n).vectors;
}

function maxDifference(a: Float64Array, b: Float64Array): number {
  return a.reduce((most, value, i) => Math.max(most, Math.abs(value - b[i]!)), 0);
}

test('Jacobi eigen-decomposition reconstructs the matrix with orthonormal eigenvectors', () => {
  const n = 12;
  const matrix = randomSpd(new Random(1), n);
  const { values, vectors } = symmetricEigen(matrix, n);
  const scaled = Float64Array.from(vectors, (v, i) => v * values[i % n]!);
  assert.ok(maxDifference(multiply(scaled, transpose(vectors, n), n), matrix) < 1e-9);
  const gram = multiply(transpose(vectors, n), vectors, n);
  const eye = Float64Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0));
  assert.ok(maxDifference(gram, eye) < 1e-12);
});

test('the symmetric square root squares back to the matrix, also when it is singular', () => {
  const n = 8;
  const random = new Random(2);
  const a = Float64Array.from({ length: n * 3 }, () => random.normal());
  // n×3 times its transpose: rank 3, five zero eigenvalues that rounding may make negative.
  const singular = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < 3; k++) singular[i * n + j]! += a[i * 3 + k]! * a[j * 3 + k]!;
  for (const matrix of [randomSpd(random, n), singular]) {
    const root = symmetricSqrt(matrix, n);
    assert.ok(maxDifference(multiply(root, root, n), matrix) < 1e-8);
    assert.ok(maxDifference(root, transpose(root, n)) < 1e-12);
  }
});

test('fitGaussian gives the mean and the unbiased covariance', () => {
  const fitted = fitGaussian([1, 2, 3, 6, 5, 4], 2); // (1,2), (3,6), (5,4)
  assert.deepEqual([...fitted.mean], [3, 4]);
  // Deviations (−2,−2), (0,2), (2,0): Σ = [[8, 4], [4, 8]] / 2.
  assert.deepEqual([...fitted.covariance], [4, 2, 2, 4]);
  assert.equal(fitted.count, 3);
  assert.throws(() => fitGaussian([1, 2, 3], 2), /at least 2 vectors/);
});

test('identical feature sets are at distance 0; a shifted copy at the squared shift', () => {
  const random = new Random(3);
  const features = Float32Array.from({ length: 400 * 6 }, () => random.normal());
  const a = fitGaussian(features, 6);
  close(frechetDistance(a, fitGaussian(features, 6)), 0, 1e-9, 'identical');
  const shifted = Float32Array.from(features, (v, i) => v + (i % 6 === 0 ? 3 : 0));
  close(frechetDistance(a, fitGaussian(shifted, 6)), 9, 1e-4, 'shifted by 3 along one axis');
});

test('diagonal covariances: ‖μ₁ − μ₂‖² + Σ (√a − √b)²', () => {
  const varianceA = [1, 4, 0.25, 9];
  const varianceB = [4, 1, 1, 0];
  const diagonal = (v: number[]) => Float64Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? v[i / 5]! : 0));
  const distance = frechetDistance(gaussian([0, 1, 2, 3], diagonal(varianceA)), gaussian([1, 1, 0, 3], diagonal(varianceB)));
  const expected = 1 + 4 + varianceA.reduce((sum, a, i) => sum + (Math.sqrt(a) - Math.sqrt(varianceB[i]!)) ** 2, 0);
  close(distance, expected, 1e-10, 'diagonal closed form');
});

test('non-commuting 2×2 covariances: Tr (Σ₁Σ₂)^½ = √(Tr Σ₁Σ₂ + 2√(det Σ₁ det Σ₂))', () => {
  const s1 = Float64Array.from([2, 1, 1, 3]);
  const s2 = Float64Array.from([1, -0.5, -0.5, 4]);
  const product = multiply(s1, s2, 2);
  const traceRoot = Math.sqrt(product[0]! + product[3]! + 2 * Math.sqrt((2 * 3 - 1) * (4 - 0.25)));
  const expected = 2 + 3 + 1 + 4 - 2 * traceRoot;
  close(frechetDistance(gaussian([0, 0], s1), gaussian([0, 0], s2)), expected, 1e-12, '2×2 closed form');
  // The distance is symmetric although the formula is not written symmetrically.
  close(frechetDistance(gaussian([0, 0], s2), gaussian([0, 0], s1)), expected, 1e-12, 'swapped');
});

test('the distance is invariant under a rotation of the feature space', () => {
  const n = 10;
  const random = new Random(4);
  const [s1, s2] = [randomSpd(random, n), randomSpd(random, n)];
  const [m1, m2] = [0, 1].map(() => Array.from({ length: n }, () => random.normal()));
  const q = randomRotation(random, n);
  const rotate = (mean: number[], covariance: Float64Array) => gaussian(
    Array.from({ length: n }, (_, r) => mean.reduce((sum, v, c) => sum + q[r * n + c]! * v, 0)),
    multiply(multiply(q, covariance, n), transpose(q, n), n));
  const original = frechetDistance(gaussian(m1!, s1!), gaussian(m2!, s2!));
  const rotated = frechetDistance(rotate(m1!, s1!), rotate(m2!, s2!));
  assert.ok(original > 1, `a non-trivial distance (${original})`);
  close(rotated, original, 1e-8 * original, 'rotated');
  // Σ₂ = cΣ₁ gives Tr Σ₁ (1 − √c)², with a non-diagonal Σ₁.
  const scaled = Float64Array.from(s1!, (v) => 4 * v);
  const traceS1 = Array.from({ length: n }, (_, i) => s1![i * n + i]!).reduce((a, b) => a + b);
  close(frechetDistance(gaussian(m1!, s1!), gaussian(m1!, scaled)), traceS1, 1e-8 * traceS1, 'scaled covariance');
});
