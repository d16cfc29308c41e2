import type { HistogramRecord } from '../../../src/core/run/records';
import { formatCount, formatValue } from '../ui/format';
import type { Palette } from '../ui/palette';
import { withAlpha } from '../ui/palette';
import { BAND_QUANTILES, histogramQuantiles } from './histogramQuantiles';

const margin = { left: 40, right: 12, top: 10, bottom: 24 };

/**
 * D's outputs over steps, as TensorBoard's distributions: for real (blue) and generated (orange)
 * data, shaded bands between the 7th/93rd, 16th/84th and 31st/69th percentiles of each logged
 * histogram, the median as a line, and a rule at the step the other views show. Separate bands:
 * D tells the two apart; bands that merge: G fools it.
 */
export function drawDistributions(context: CanvasRenderingContext2D, records: readonly HistogramRecord[], shownStep: number | undefined,
  palette: Palette, width: number, height: number): void {
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  if (records.length === 0 || plotWidth <= 0 || plotHeight <= 0) return;
  const lo = Math.min(...records.map((record) => record.lo));
  const hi = Math.max(...records.map((record) => record.hi));
  const first = records[0]!.step;
  const last = records.at(-1)!.step;
  const xFor = (step: number): number => margin.left + (last > first ? ((step - first) / (last - first)) * plotWidth : plotWidth / 2);
  const yFor = (value: number): number => margin.top + (1 - (value - lo) / (hi - lo || 1)) * plotHeight;

  context.font = `11px ${palette.fontFamily}`;
  context.fillStyle = palette.muted;
  context.strokeStyle = withAlpha(palette.foreground, 0.25);
  context.lineWidth = 1;
  context.strokeRect(margin.left + 0.5, margin.top + 0.5, plotWidth, plotHeight);
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  for (const value of [lo, (lo + hi) / 2, hi]) context.fillText(formatValue(value), margin.left - 4, yFor(value));
  context.textBaseline = 'top';
  const ticks = last > first ? [first, Math.round((first + last) / 2), last] : [first];
  ticks.forEach((step, index) => {
    // The end labels align inwards, so neither runs off the canvas.
    context.textAlign = ticks.length === 1 ? 'center' : index === 0 ? 'left' : index === ticks.length - 1 ? 'right' : 'center';
    context.fillText(formatCount(step), xFor(step), margin.top + plotHeight + 6);
  });

  for (const [side, colour] of [['real', palette.blue], ['fake', palette.orange]] as const) {
    const rows = records.flatMap((record) => {
      const values = histogramQuantiles(record[side], record.lo, record.hi);
      return values ? [{ x: xFor(record.step), y: values.map(yFor) }] : [];
    });
    if (rows.length === 0) continue;
    // Bands from the outermost in, each more opaque: the middle of the distribution reads darkest.
    const bands = Math.floor(BAND_QUANTILES.length / 2);
    for (let band = 0; band < bands; band++) {
      context.fillStyle = withAlpha(colour, 0.14 + 0.1 * band);
      context.beginPath();
      rows.forEach((row, index) => (index === 0 ? context.moveTo(row.x, row.y[band]!) : context.lineTo(row.x, row.y[band]!)));
      for (let index = rows.length - 1; index >= 0; index--) context.lineTo(rows[index]!.x, rows[index]!.y[BAND_QUANTILES.length - 1 - band]!);
      context.closePath();
      context.fill();
    }
    context.strokeStyle = colour;
    context.lineWidth = 1.5;
    context.beginPath();
    rows.forEach((row, index) => (index === 0 ? context.moveTo(row.x, row.y[bands]!) : context.lineTo(row.x, row.y[bands]!)));
    context.stroke();
  }
  if (shownStep !== undefined) {
    context.strokeStyle = palette.foreground;
    context.setLineDash([3, 3]);
    context.beginPath();
    context.moveTo(xFor(shownStep), margin.top);
    context.lineTo(xFor(shownStep), margin.top + plotHeight);
    context.stroke();
    context.setLineDash([]);
  }
}
