import type uPlot from 'uplot';
import type { Palette } from '../ui/palette';
import { withAlpha } from '../ui/palette';
import { formatValue } from '../ui/format';

/** A line as the chart draws it: what uPlot needs, with colours already resolved from the theme. */
export interface PlotLine {
  readonly label: string;
  readonly stroke: string;
  readonly dash?: readonly number[];
  readonly show: boolean;
}

export interface PlotShape {
  readonly width: number;
  readonly height: number;
  readonly lines: readonly PlotLine[];
  readonly logScale: boolean;
  /** A fixed y range (probabilities: [0, 1]); otherwise uPlot fits the data. */
  readonly yRange: readonly [number, number] | undefined;
  readonly hooks: uPlot.Hooks.Arrays;
}

/** uPlot options in the theme's colours. Drag selects an x range to zoom; double-click resets (uPlot's own). */
export function plotOptions(shape: PlotShape, palette: Palette): uPlot.Options {
  const font = `11px ${palette.fontFamily}`;
  const grid = withAlpha(palette.foreground, 0.1);
  const axis = (label?: string): uPlot.Axis => ({
    stroke: palette.muted, font, labelFont: font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
    ...(label === undefined ? { values: (_plot: uPlot, splits: (number | null)[]) => splits.map((split) => (split === null ? '' : formatValue(split))) } : { label, labelSize: 18 }),
  });
  const yScale: uPlot.Scale = shape.logScale
    ? { distr: 3 }
    : shape.yRange === undefined ? {} : { range: [shape.yRange[0], shape.yRange[1]] };
  return {
    width: shape.width,
    height: shape.height,
    scales: { x: { time: false }, y: yScale },
    axes: [axis('step'), axis()],
    series: [
      { label: 'step' },
      ...shape.lines.map((line): uPlot.Series => ({
        label: line.label, stroke: line.stroke, width: 1.5, show: line.show, points: { show: false },
        ...(line.dash === undefined ? {} : { dash: [...line.dash] }),
        value: (_plot, value) => (value === null || value === undefined ? '—' : formatValue(value)),
      })),
    ],
    cursor: { drag: { x: true, y: false, setScale: true } },
    legend: { live: true },
    hooks: shape.hooks,
  };
}
