import { multiply, symmetricEigen, symmetricSqrt, trace } from './linalg';

/** A Gaussian fitted to a set of feature vectors (float64 throughout). */
export interface FeatureGaussian {
  readonly dims: number;
  /** How many vectors it was fitted to. */
  readonly count: number;
  readonly mean: Float64Array;
  /** dims×dims, row-major, unbiased (divided by count − 1) as numpy's cov, which FID uses. */
  readonly covariance: Float64Array;
}

/** Fits mean and covariance to `features`: count×dims values, example-major. */
export function fitGaussian(features: ArrayLike<number>, dims: number): FeatureGaussian {
  const count = Math.floor(features.length / dims);
  if (count < 2 || count * dims !== features.length) {
    throw new Error(`fitGaussian needs at least 2 vectors of ${dims} values; got ${features.length} values`);
  }
  const mean = new Float64Array(dims);
  for (let i = 0; i < count; i++) for (let d = 0; d < dims; d++) mean[d]! += features[i * dims + d]!;
  for (let d = 0; d < dims; d++) mean[d]! /= count;

  const covariance = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  for (let i = 0; i < count; i++) {
    for (let d = 0; d < dims; d++) centred[d] = features[i * dims + d]! - mean[d]!;
    // Upper triangle only; mirrored below.
    for (let r = 0; r < dims; r++) {
      const value = centred[r]!;
      if (value === 0) continue;
      for (let c = r; c < dims; c++) covariance[r * dims + c]! += value * centred[c]!;
    }
  }
  for (let r = 0; r < dims; r++) {
    for (let c = r; c < dims; c++) {
      const value = covariance[r * dims + c]! / (count - 1);
      covariance[r * dims + c] = value;
      covariance[c * dims + r] = value;
    }
  }
  return { dims, count, mean, covariance };
}

/**
 * The Fréchet distance between two Gaussians (Dowson & Landau 1982; FID, Heusel et al. 2017):
 *   ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁Σ₂)^½).
 * Σ₁Σ₂ is not symmetric, so instead of a general matrix square root this uses the similar
 * symmetric PSD matrix Σ₁^½ Σ₂ Σ₁^½, whose eigenvalues are those of Σ₁Σ₂: Tr (Σ₁Σ₂)^½ = Σ √λᵢ.
 * That stays real and stable where scipy's sqrtm on the product can return complex noise.
 */
export function frechetDistance(a: FeatureGaussian, b: FeatureGaussian): number {
  if (a.dims !== b.dims) throw new Error(`frechetDistance: ${a.dims} vs ${b.dims} dimensions`);
  const n = a.dims;
  let meanTerm = 0;
  for (let d = 0; d < n; d++) meanTerm += (a.mean[d]! - b.mean[d]!) ** 2;

  const rootA = symmetricSqrt(a.covariance, n);
  const sandwich = multiply(multiply(rootA, b.covariance, n), rootA, n);
  // Rounding leaves the product a hair asymmetric; Jacobi reads only its symmetric part.
  for (let r = 0; r < n; r++) {
    for (let c = r + 1; c < n; c++) {
      const average = (sandwich[r * n + c]! + sandwich[c * n + r]!) / 2;
      sandwich[r * n + c] = average;
      sandwich[c * n + r] = average;
    }
  }
  let traceRoot = 0;
  for (const value of symmetricEigen(sandwich, n).values) traceRoot += Math.sqrt(Math.max(value, 0));

  const distance = meanTerm + trace(a.covariance, n) + trace(b.covariance, n) - 2 * traceRoot;
  // Identical inputs give 0 up to rounding, which can land a hair below it.
  return Math.max(distance, 0);
}
