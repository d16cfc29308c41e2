// Small robust statistics the diagnostic rules share. Medians and shares rather than means: one
// wild batch must neither raise nor clear a finding.

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Share of `values` for which `holds` is true (0 for none). */
export function shareWhere<T>(values: readonly T[], holds: (value: T) => boolean): number {
  return values.length ? values.filter(holds).length / values.length : 0;
}

/** Moving average over `width` neighbours (shorter at the ends), so batch-to-batch noise averages out. */
export function movingAverage(values: readonly number[], width: number): number[] {
  const half = Math.floor(width / 2);
  return values.map((_, i) => {
    const part = values.slice(Math.max(0, i - half), i + half + 1);
    return part.reduce((sum, v) => sum + v, 0) / part.length;
  });
}

/** What is left of `values` after removing their least-squares line: swings without the trend. */
export function detrend(values: readonly number[]): number[] {
  const n = values.length;
  if (n < 2) return values.map(() => 0);
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, v) => sum + v, 0) / n;
  let covariance = 0;
  let variance = 0;
  values.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  });
  const slope = covariance / variance;
  return values.map((y, x) => y - (meanY + slope * (x - meanX)));
}

export function standardDeviation(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
}

/**
 * Times a zero-centred series goes from above +band to below −band or back: a swing counts only
 * once the series has crossed the whole band, so noise around zero does not add swings.
 */
export function countSwings(residuals: readonly number[], band: number): number {
  let side = 0;
  let swings = 0;
  for (const value of residuals) {
    const now = value > band ? 1 : value < -band ? -1 : 0;
    if (now !== 0 && side !== 0 && now !== side) swings++;
    if (now !== 0) side = now;
  }
  return swings;
}

/** A number rounded to 4 significant digits, as evidence is stored (enough to read, small to write). */
export function significant(value: number): number {
  return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(4)) : value;
}

/** A number for a summary sentence: 2 significant digits, e.g. 0.00071, 0.8, 12, 3.4e+5. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs >= 1e5 || abs < 1e-4) ? value.toExponential(1) : String(Number(value.toPrecision(2)));
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** Correlation of a zero-mean series with itself one step later: ≈ 0 for batch noise, high for slow swings. */
export function lag1Autocorrelation(residuals: readonly number[]): number {
  let products = 0;
  let squares = 0;
  residuals.forEach((value, i) => {
    squares += value * value;
    if (i > 0) products += value * residuals[i - 1]!;
  });
  return squares > 0 ? products / squares : 0;
}
