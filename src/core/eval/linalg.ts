/**
 * Small dense linear algebra in float64 for the evaluation metrics: square matrices are
 * row-major Float64Arrays of n×n values. Sizes here are the classifier's feature width (tens to a
 * few hundred), where plain O(n³) loops take milliseconds and need no library.
 */

export interface SymmetricEigen {
  /** Eigenvalues, in no particular order. */
  readonly values: Float64Array;
  /** Eigenvectors as columns: vectors[row * n + k] is component `row` of the k-th vector. */
  readonly vectors: Float64Array;
}

const MAX_SWEEPS = 100;

export function identity(n: number): Float64Array {
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) matrix[i * n + i] = 1;
  return matrix;
}

export function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const product = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) product[i * n + j]! += aik * b[k * n + j]!;
    }
  }
  return product;
}

export function transpose(a: Float64Array, n: number): Float64Array {
  const result = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) result[j * n + i] = a[i * n + j]!;
  return result;
}

export function trace(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i * n + i]!;
  return sum;
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: slower than QR for large
 * n but unconditionally stable, and it yields orthonormal eigenvectors even for repeated or
 * near-zero eigenvalues (covariances of ReLU features are often rank-deficient).
 */
export function symmetricEigen(matrix: Float64Array, n: number): SymmetricEigen {
  const a = Float64Array.from(matrix);
  const vectors = identity(n);
  const scale = Math.max(offDiagonalNorm(a, n) + diagonalNorm(a, n), Number.MIN_VALUE);
  for (let sweep = 0; sweep < MAX_SWEEPS && offDiagonalNorm(a, n) > 1e-14 * scale; sweep++) {
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(a, vectors, n, p, q);
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i]!;
  return { values, vectors };
}

/**
 * The symmetric positive semi-definite square root V·diag(√λ)·Vᵀ. Eigenvalues that rounding made
 * slightly negative are taken as zero: the input is PSD in exact arithmetic.
 */
export function symmetricSqrt(matrix: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n);
  const scaled = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const root = Math.sqrt(Math.max(values[k]!, 0));
    for (let row = 0; row < n; row++) scaled[row * n + k] = vectors[row * n + k]! * root;
  }
  return multiply(scaled, transpose(vectors, n), n);
}

/** One Jacobi rotation zeroing a[p][q] (Golub & Van Loan, Algorithm 8.4.1, with the stable tangent). */
function rotate(a: Float64Array, vectors: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q]!;
  if (apq === 0) return;
  const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p]!;
    const akq = a[k * n + q]!;
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k]!;
    const aqk = a[q * n + k]!;
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = vectors[k * n + p]!;
    const vkq = vectors[k * n + q]!;
    vectors[k * n + p] = c * vkp - s * vkq;
    vectors[k * n + q] = s * vkp + c * vkq;
  }
}

function offDiagonalNorm(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) sum += a[i * n + j]! ** 2;
  return Math.sqrt(sum);
}

function diagonalNorm(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i * n + i]! ** 2;
  return Math.sqrt(sum);
}
