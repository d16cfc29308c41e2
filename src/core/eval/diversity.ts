/**
 * How varied a set of samples is: the mean Euclidean distance between pairs of them, on the same
 * footing for 2D points and images. Comparing generated samples with real ones gives a ratio that
 * is ≈ 1 for a generator as varied as the data and → 0 for one that collapsed onto a few outputs.
 */

/**
 * Examples compared per set: 128 gives 8,128 pairs, enough for a mean stable to a few percent, at
 * about 20 ms for MNIST-sized or 64×64 RGB images (after pooling, below) and under 1 ms for points,
 * measured on a busy 2-core machine: negligible next to the histogram step it runs beside.
 */
export const DIVERSITY_EXAMPLES = 128;

/**
 * Images are average-pooled until neither side exceeds this. Diversity is about which digit or
 * shape a sample is, not pixel noise; pooling keeps that, damps pixel-level noise that would make
 * an untrained generator look varied, and makes the pairwise pass 4–16× cheaper.
 */
const MAX_POOLED_SIDE = 16;

export interface DiversityComparison {
  /** Mean pairwise distance of the generated samples. */
  readonly generated: number;
  /** Mean pairwise distance of real samples (of the same shape, compared the same way). */
  readonly real: number;
  /** generated / real. */
  readonly ratio: number;
}

/**
 * Mean pairwise distance of up to `limit` examples of `exampleShape` from `values` (example-major).
 * The examples are evenly spaced through `values`, so the result depends only on the input (no
 * random draw) and spans a dataset stored in class order.
 */
export function meanPairwiseDistance(values: ArrayLike<number>, exampleShape: readonly number[], limit = DIVERSITY_EXAMPLES): number {
  const size = exampleShape.reduce((a, b) => a * b, 1);
  const available = Math.floor(values.length / size);
  const count = Math.min(limit, available);
  if (count < 2) return 0;
  const examples = Array.from({ length: count }, (_, i) => {
    const start = Math.floor((i * available) / count) * size;
    return pooled(values, start, exampleShape);
  });
  let total = 0;
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) total += distance(examples[i]!, examples[j]!);
  }
  return total / ((count * (count - 1)) / 2);
}

/** The generated samples' diversity against the real data's, computed once per run by the caller. */
export function compareDiversity(generated: ArrayLike<number>, realMeanDistance: number, exampleShape: readonly number[]): DiversityComparison {
  const spread = meanPairwiseDistance(generated, exampleShape);
  return { generated: spread, real: realMeanDistance, ratio: realMeanDistance > 0 ? spread / realMeanDistance : 0 };
}

function distance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += (a[k]! - b[k]!) ** 2;
  return Math.sqrt(sum);
}

/** One example, average-pooled in blocks of f×f pixels per channel when it is an image larger than the limit. */
function pooled(values: ArrayLike<number>, start: number, shape: readonly number[]): Float64Array {
  const [height = 1, width = 1, channels = 1] = shape.length === 3 ? shape : [1, shape.reduce((a, b) => a * b, 1), 1];
  const factor = shape.length === 3 ? Math.ceil(Math.max(height, width) / MAX_POOLED_SIDE) : 1;
  const outHeight = Math.ceil(height / factor);
  const outWidth = Math.ceil(width / factor);
  const sums = new Float64Array(outHeight * outWidth * channels);
  const counts = new Float64Array(outHeight * outWidth);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cell = Math.floor(y / factor) * outWidth + Math.floor(x / factor);
      counts[cell]! += 1;
      for (let c = 0; c < channels; c++) sums[cell * channels + c]! += values[start + (y * width + x) * channels + c]!;
    }
  }
  return sums.map((sum, i) => sum / counts[Math.floor(i / channels)]!);
}
