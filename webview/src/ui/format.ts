// Number and duration formatting for the header and the scrubbers.

export function formatDuration(totalSeconds: number): string {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return '—';
  const seconds = Math.round(totalSeconds);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(rest).padStart(2, '0')}s`;
  return `${rest}s`;
}

export function formatRate(stepsPerSecond: number): string {
  return stepsPerSecond >= 100 ? stepsPerSecond.toFixed(0) : stepsPerSecond.toPrecision(3);
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** A value on an axis or in a legend: short, and stable for very small or large magnitudes. */
export function formatValue(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e4 || magnitude < 1e-3) return value.toExponential(1);
  return Number(value.toPrecision(3)).toString();
}

/** A share (0…1) as a whole percentage: "93%". */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
