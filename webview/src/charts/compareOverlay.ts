import uPlot from 'uplot';
import type { MetricColumn } from '../../../src/protocol/dashboardMessages';
import type { CompareRun } from '../state/dashboardState';
import type { ChartColour } from '../ui/palette';
import type { ChartSettings } from './chartToolbar';
import { compareColours } from './seriesSpecs';
import { SmoothedSeries } from './smoothedSeries';

export interface OverlayLine {
  readonly label: string;
  readonly colour: ChartColour;
  readonly dash: readonly number[];
}

/** Other runs' D and G losses, smoothed like this run's, each on its own steps. */
export interface Overlay {
  readonly lines: readonly OverlayLine[];
  readonly tables: readonly uPlot.AlignedData[];
}

const overlaid: readonly { column: MetricColumn; name: string; dash: readonly number[] }[] = [
  { column: 'dLoss', name: 'D loss', dash: [6, 4] },
  { column: 'gLoss', name: 'G loss', dash: [2, 3] },
];

export function buildOverlay(runs: readonly CompareRun[], settings: ChartSettings): Overlay {
  const lines: OverlayLine[] = [];
  const tables: uPlot.AlignedData[] = [];
  runs.forEach((run, runIndex) => {
    // compareColours is a non-empty constant, so the modulo always lands on an entry.
    const colour = compareColours[runIndex % compareColours.length]!;
    const columns: (number | null)[][] = [];
    for (const { column, name, dash } of overlaid) {
      const raw = run.metrics.values[column];
      if (raw === undefined) continue;
      const smoothed = new SmoothedSeries(settings.smoothing, settings.logScale);
      smoothed.extend(raw);
      columns.push(smoothed.values);
      lines.push({ label: `${run.runId} ${name}`, colour, dash });
    }
    if (columns.length > 0) tables.push([[...run.metrics.steps], ...columns]);
  });
  return { lines, tables };
}

/** This run and the overlaid runs on one x axis (runs log different steps); O(rows) per call. */
export function joinOverlay(steps: readonly number[], values: readonly (number | null)[][], overlay: Overlay): uPlot.AlignedData {
  return uPlot.join([[steps as number[], ...values], ...overlay.tables]);
}
