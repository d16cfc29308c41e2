import type { MetricSeries } from '../../../src/protocol/dashboardMessages';
import { lastIndexAtOrBefore } from './stepRows';

// A run's training time (metrics.jsonl's elapsedSeconds) beside its steps: what the charts' time
// axis draws, and how things logged by step (findings' markers) find their place on it.

/**
 * Appends the training times of `series`' rows to `times`, one per step. A row without one takes
 * the time of the row before it (0 for the first): the time axis needs a number for every row,
 * never decreasing.
 */
export function appendTrainingTimes(times: number[], series: MetricSeries): void {
  for (let row = 0; row < series.steps.length; row++) times.push(series.elapsedSeconds[row] ?? times.at(-1) ?? 0);
}

/**
 * The training time at `step`: that of the last row at or before it, as every view shows its last
 * record at or before the cursor; the first row's for an earlier step. Undefined without rows.
 */
export function trainingTimeAt(steps: readonly number[], times: readonly number[], step: number): number | undefined {
  return times[Math.max(0, lastIndexAtOrBefore(steps.length, (index) => steps[index]!, step))];
}

/** The step of the row logged at exactly `seconds`, if any (the latest of rows that share it). */
export function stepAtTrainingTime(steps: readonly number[], times: readonly number[], seconds: number): number | undefined {
  const index = lastIndexAtOrBefore(times.length, (at) => times[at]!, seconds);
  return index >= 0 && times[index] === seconds ? steps[index] : undefined;
}
