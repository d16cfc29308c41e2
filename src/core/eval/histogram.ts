/** Counts of `values` over `bins` equal bins spanning [lo, hi]; out-of-range values land in the end bins. */
export function binCounts(values: ArrayLike<number>, lo: number, hi: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const bin = Math.floor((values[i]! - lo) / width);
    counts[Math.min(bins - 1, Math.max(0, Number.isFinite(bin) ? bin : 0))]! += 1;
  }
  return counts;
}

/**
 * A symmetric range for unbounded scores (Wasserstein critics): 1.5× the largest magnitude seen,
 * rounded up to 1, 2 or 5 × a power of ten, so later histograms share bins and stay comparable.
 */
export function niceSymmetricRange(values: ArrayLike<number>): [number, number] {
  let largest = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) largest = Math.max(largest, Math.abs(values[i]!));
  const target = Math.max(largest * 1.5, 1e-3);
  const power = 10 ** Math.floor(Math.log10(target));
  const step = [1, 2, 5, 10].find((m) => m * power >= target)! * power;
  return [-step, step];
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length ? sum / values.length : 0;
}
