import type uPlot from 'uplot';
import type { DiagnosticRecord } from '../../../src/core/run/evaluationRecords';
import type { DashboardState } from '../state/dashboardState';
import type { Palette } from '../ui/palette';

/** A step to mark on a chart: a finding in the colour of its severity, or a live change (blue, solid). */
export interface ChartMarker {
  readonly step: number;
  readonly severity: DiagnosticRecord['severity'] | 'change';
}

/** Where the run raised a failure mode: read beside the loss curves, the cause is often visible there. */
export function raisedDiagnosticMarkers(state: DashboardState): ChartMarker[] {
  return state.diagnostics.filter((record) => record.state === 'raised').map(({ step, severity }) => ({ step, severity }));
}

/** Where a rate, an update count or a weight was changed by hand: what the curves did next is the lesson. */
export function liveChangeMarkers(state: DashboardState): ChartMarker[] {
  return state.changes.map(({ step }) => ({ step, severity: 'change' }));
}

/**
 * A uPlot draw hook: a vertical rule (dashed for a finding) and a small flag at each marker's step inside the plot
 * area, placed on x by `xOf` (the step itself, or the training time at it). The x values drawn are
 * also written on the chart's element (data-marker-x), for tests and assistive technology.
 */
export function drawMarkers(plot: uPlot, markers: readonly ChartMarker[], palette: Palette, xOf: (step: number) => number | undefined): void {
  plot.root.dataset.markerX = '';
  if (markers.length === 0) return;
  const { ctx, bbox } = plot;
  // bbox and the canvas are in device pixels.
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  ctx.lineWidth = ratio;
  const drawn: number[] = [];
  for (const marker of markers) {
    const value = xOf(marker.step);
    if (value === undefined) continue;
    const x = Math.round(plot.valToPos(value, 'x', true)) + 0.5;
    if (x < bbox.left || x > bbox.left + bbox.width) continue;
    drawn.push(value);
    const colour = marker.severity === 'change' ? palette.blue : marker.severity === 'error' ? palette.red : palette.yellow;
    ctx.setLineDash(marker.severity === 'change' ? [] : [4 * ratio, 3 * ratio]);
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x - 4 * ratio, bbox.top);
    ctx.lineTo(x + 4 * ratio, bbox.top);
    ctx.lineTo(x, bbox.top + 6 * ratio);
    ctx.fill();
  }
  ctx.restore();
  plot.root.dataset.markerX = drawn.join(' ');
}
