import uPlot from 'uplot';
import type { CompareRun } from '../state/dashboardState';
import { appendTrainingTimes } from '../state/trainingTime';
import type { XAxisMode } from '../state/xAxisChoice';
import type { ChartColour } from '../ui/palette';
import type { ChartSettings } from './chartToolbar';
import { compareColours, type SeriesSpec } from './seriesSpecs';
import { SmoothedSeries } from './smoothedSeries';
import { xValues } from './xAxis';

export interface OverlayLine {
  readonly label: string;
  readonly colour: ChartColour;
  readonly dash: readonly number[];
}

/**
 * Other runs' headline metrics (a GAN's D and G loss), smoothed like this run's, each on its own
 * steps, or on its own training time: a time axis compares how fast runs got where they are.
 */
export interface Overlay {
  readonly lines: readonly OverlayLine[];
  readonly tables: readonly uPlot.AlignedData[];
}

/** The first headline metric dashed, the second dotted. */
const dashes: readonly (readonly number[])[] = [[6, 4], [2, 3]];

export function buildOverlay(runs: readonly CompareRun[], settings: ChartSettings, overlaid: readonly SeriesSpec[], mode: XAxisMode): Overlay {
  const lines: OverlayLine[] = [];
  const tables: uPlot.AlignedData[] = [];
  runs.forEach((run, runIndex) => {
    // compareColours is a non-empty constant, so the modulo always lands on an entry.
    const colour = compareColours[runIndex % compareColours.length]!;
    const columns: (number | null)[][] = [];
    overlaid.forEach(({ column, label }, index) => {
      const raw = run.metrics.values[column];
      if (raw === undefined) return;
      const smoothed = new SmoothedSeries(settings.smoothing, settings.logScale);
      smoothed.extend(raw);
      columns.push(smoothed.values);
      lines.push({ label: `${run.runId} ${label}`, colour, dash: dashes[index % dashes.length]! });
    });
    if (columns.length === 0) return;
    const elapsedSeconds: number[] = [];
    appendTrainingTimes(elapsedSeconds, run.metrics);
    tables.push([xValues(mode, { steps: [...run.metrics.steps], elapsedSeconds }), ...columns]);
  });
  return { lines, tables };
}

/** This run and the overlaid runs on one x axis (runs log different steps, at different times); O(rows) per call. */
export function joinOverlay(xs: readonly number[], values: readonly (number | null)[][], overlay: Overlay): uPlot.AlignedData {
  return uPlot.join([[xs as number[], ...values], ...overlay.tables]);
}
