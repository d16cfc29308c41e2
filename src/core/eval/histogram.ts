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
 * A range for unbounded scores (Wasserstein critics), whose scale and offset drift as training
 * goes: it spans every finite value, widened outward to multiples of a 1-2-5 step of a tenth of
 * the spread, so consecutive histograms keep the same round edges while the scores stay put.
 */
export function niceRange(values: ArrayLike<number>): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  if (low === Infinity) return [-1, 1];
  const spread = Math.max(high - low, 1e-3);
  const power = 10 ** Math.floor(Math.log10(spread / 10));
  const step = [1, 2, 5, 10].find((m) => m * power >= spread / 10)! * power;
  const lo = Math.floor(low / step) * step;
  const hi = Math.ceil(high / step) * step;
  return [round(lo), round(hi > lo ? hi : lo + step)];
}

function round(value: number): number {
  return Number(value.toPrecision(12));
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length ? sum / values.length : 0;
}
