import type { HistogramRecord } from '../../../src/core/run/records';
import type { Palette } from '../ui/palette';
import { withAlpha } from '../ui/palette';
import { formatValue } from '../ui/format';

const margin = { left: 40, right: 12, top: 10, bottom: 24 };

/**
 * D's outputs on real and generated data as two translucent overlaid bar sets, each normalised
 * to a fraction of its batch so batches of different sizes compare; dashed lines mark the means.
 */
export function drawHistogram(context: CanvasRenderingContext2D, record: HistogramRecord, palette: Palette, width: number, height: number): void {
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const fractions = (counts: readonly number[]): number[] => {
    const total = counts.reduce((sum, count) => sum + count, 0) || 1;
    return counts.map((count) => count / total);
  };
  const real = fractions(record.real);
  const fake = fractions(record.fake);
  const tallest = Math.max(...real, ...fake, 1e-9);
  const bins = Math.max(real.length, fake.length, 1);
  const binWidth = plotWidth / bins;
  const xFor = (value: number): number => margin.left + ((value - record.lo) / (record.hi - record.lo || 1)) * plotWidth;

  context.font = `11px ${palette.fontFamily}`;
  drawAxes(context, record, palette, plotWidth, plotHeight, tallest);
  for (const [values, colour] of [[real, palette.blue], [fake, palette.orange]] as const) {
    context.fillStyle = withAlpha(colour, 0.45);
    context.strokeStyle = colour;
    values.forEach((fraction, bin) => {
      const barHeight = (fraction / tallest) * plotHeight;
      if (barHeight <= 0) return;
      const x = margin.left + bin * binWidth;
      context.fillRect(x + 0.5, margin.top + plotHeight - barHeight, Math.max(1, binWidth - 1), barHeight);
    });
  }
  context.setLineDash([4, 3]);
  for (const [mean, colour] of [[record.realMean, palette.blue], [record.fakeMean, palette.orange]] as const) {
    if (!Number.isFinite(mean)) continue;
    const x = Math.min(margin.left + plotWidth, Math.max(margin.left, xFor(mean)));
    context.strokeStyle = colour;
    context.lineWidth = 1.5;
    context.beginPath();
    context.moveTo(x, margin.top);
    context.lineTo(x, margin.top + plotHeight);
    context.stroke();
  }
  context.setLineDash([]);
}

function drawAxes(context: CanvasRenderingContext2D, record: HistogramRecord, palette: Palette, plotWidth: number, plotHeight: number, tallest: number): void {
  const bottom = margin.top + plotHeight;
  context.strokeStyle = withAlpha(palette.foreground, 0.25);
  context.lineWidth = 1;
  context.beginPath();
  context.moveTo(margin.left, margin.top);
  context.lineTo(margin.left, bottom);
  context.lineTo(margin.left + plotWidth, bottom);
  context.stroke();
  context.fillStyle = palette.muted;
  context.textBaseline = 'top';
  const ticks = 4;
  for (let tick = 0; tick <= ticks; tick++) {
    const value = record.lo + ((record.hi - record.lo) * tick) / ticks;
    context.textAlign = tick === 0 ? 'left' : tick === ticks ? 'right' : 'center';
    context.fillText(formatValue(value), margin.left + (plotWidth * tick) / ticks, bottom + 6);
  }
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  context.fillText(`${Math.round(tallest * 100)}%`, margin.left - 4, margin.top + 4);
  context.fillText('0', margin.left - 4, bottom);
}
