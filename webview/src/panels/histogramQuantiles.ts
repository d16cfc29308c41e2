/** The percentiles TensorBoard's distributions draw (as bands 7–93, 16–84, 31–69, and the median): a normal's ±1.5σ, ±1σ, ±0.5σ. */
export const BAND_QUANTILES = [0.07, 0.16, 0.31, 0.5, 0.69, 0.84, 0.93] as const;

/**
 * Quantiles of the values a histogram counted between `lo` and `hi` (bins of equal width), each
 * found on the cumulative counts with the values spread evenly inside their bin. An empty
 * histogram has none.
 */
export function histogramQuantiles(counts: readonly number[], lo: number, hi: number, quantiles: readonly number[] = BAND_QUANTILES): number[] | undefined {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (!(total > 0) || counts.length === 0) return undefined;
  const width = (hi - lo) / counts.length;
  return quantiles.map((quantile) => {
    const target = quantile * total;
    let below = 0;
    for (let bin = 0; bin < counts.length; bin++) {
      const count = counts[bin]!;
      if (count > 0 && below + count >= target) return lo + (bin + (target - below) / count) * width;
      below += count;
    }
    return hi;
  });
}
