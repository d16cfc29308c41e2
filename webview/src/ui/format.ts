// Number and duration formatting for the header, the scrubbers and the charts' axes.

/** Whole hours, minutes and seconds of a duration; undefined for one that is not (negative, NaN). */
function durationParts(totalSeconds: number): [hours: number, minutes: number, seconds: number] | undefined {
  if (!Number.isFinite(totalSeconds) || totalSeconds < 0) return undefined;
  const seconds = Math.round(totalSeconds);
  return [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
}

const twoDigits = (value: number): string => String(value).padStart(2, '0');

export function formatDuration(totalSeconds: number): string {
  const parts = durationParts(totalSeconds);
  if (parts === undefined) return '—';
  const [hours, minutes, seconds] = parts;
  if (hours > 0) return `${hours}h ${twoDigits(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${twoDigits(seconds)}s`;
  return `${seconds}s`;
}

/** A clock reading of a duration, as a time axis ticks it: 0:45, 12:03, 1:02:10 (whole seconds). */
export function formatClock(totalSeconds: number): string {
  const parts = durationParts(totalSeconds);
  if (parts === undefined) return '—';
  const [hours, minutes, seconds] = parts;
  return hours > 0 ? `${hours}:${twoDigits(minutes)}:${twoDigits(seconds)}` : `${minutes}:${twoDigits(seconds)}`;
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
