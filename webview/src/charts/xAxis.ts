import type uPlot from 'uplot';
import { stepAtTrainingTime, trainingTimeAt } from '../state/trainingTime';
import type { XAxisMode } from '../state/xAxisChoice';
import { formatClock, formatCount } from '../ui/format';
import type { Palette } from '../ui/palette';
import { stepAxis, tickedXAxis, xSeries } from './plotOptions';

/** A run's rows as the x axis places them: their steps, and the training time at each (never decreasing). */
export interface TimedSteps {
  readonly steps: readonly number[];
  readonly elapsedSeconds: readonly number[];
}

/**
 * Tick spacings of the time axis, in seconds: whole seconds, minutes and hours a clock reads well
 * at (a 0:07.5 tick would print as 0:08), then days.
 */
const TIME_INCREMENTS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
  ...[1, 2, 5, 10, 20, 50, 100, 200, 500].map((days) => days * 86400)];

/** The x values of a run's rows: one of its columns, not a copy (uPlot keeps the table's growing arrays). */
export function xValues<Column extends readonly number[]>(mode: XAxisMode, rows: { readonly steps: Column; readonly elapsedSeconds: Column }): Column {
  return mode === 'step' ? rows.steps : rows.elapsedSeconds;
}

/** Where something logged at `step` (a finding) lands on x: on the time axis, at its run's training time then. */
export function xOfStep(mode: XAxisMode, rows: TimedSteps, step: number): number | undefined {
  return mode === 'step' ? step : trainingTimeAt(rows.steps, rows.elapsedSeconds, step);
}

/**
 * The x axis of a metric chart and its reading in the legend. On the time axis the legend also
 * names the step logged at that time (`rows`, read when the cursor moves, so they may grow), if
 * this run logged one there (an overlaid run's row may be under the cursor instead).
 */
export function metricXAxis(mode: XAxisMode, palette: Palette, rows: TimedSteps): { readonly axis: uPlot.Axis; readonly series: uPlot.Series } {
  if (mode === 'step') return { axis: stepAxis(palette), series: xSeries('step', (step) => formatCount(step)) };
  return {
    axis: tickedXAxis(palette, 'training time', TIME_INCREMENTS, formatClock, 'timeTicks'),
    series: xSeries('training time', (seconds) => {
      const step = stepAtTrainingTime(rows.steps, rows.elapsedSeconds, seconds);
      return step === undefined ? formatClock(seconds) : `${formatClock(seconds)} · step ${formatCount(step)}`;
    }),
  };
}
