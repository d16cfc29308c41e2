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
  /** The y scale it is drawn on; uPlot's default `y` when absent. */
  readonly scale?: string;
  /** Dots at each value: for sparse series, where a lone value would otherwise not show. */
  readonly points?: boolean;
  /** Its value in the legend (row: the index into the chart's data); formatValue when absent. */
  readonly format?: (value: number, row: number) => string;
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

/** An axis in the theme's colours; with a label (the step axis) or with compact tick values. */
export function themedAxis(palette: Palette, label?: string, tickValue: (value: number) => string = formatValue): uPlot.Axis {
  const font = `11px ${palette.fontFamily}`;
  const grid = withAlpha(palette.foreground, 0.1);
  return {
    stroke: palette.muted, font, labelFont: font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 },
    ...(label === undefined
      ? { values: (_plot: uPlot, splits: (number | null)[]) => splits.map((split) => (split === null ? '' : tickValue(split))) }
      : { label, labelSize: 18 }),
  };
}

export function lineSeries(line: PlotLine): uPlot.Series {
  const format = line.format ?? formatValue;
  return {
    label: line.label, stroke: line.stroke, width: 1.5, show: line.show,
    points: line.points ? { show: true, size: 5, fill: line.stroke } : { show: false },
    ...(line.scale === undefined ? {} : { scale: line.scale }),
    ...(line.dash === undefined ? {} : { dash: [...line.dash] }),
    value: (_plot, value, _series, row) => (value === null || value === undefined ? '—' : format(value, row ?? 0)),
  };
}

/** uPlot options in the theme's colours. Drag selects an x range to zoom; double-click resets (uPlot's own). */
export function plotOptions(shape: PlotShape, palette: Palette): uPlot.Options {
  const yScale: uPlot.Scale = shape.logScale
    ? { distr: 3 }
    : shape.yRange === undefined ? {} : { range: [shape.yRange[0], shape.yRange[1]] };
  return {
    width: shape.width,
    height: shape.height,
    scales: { x: { time: false }, y: yScale },
    axes: [themedAxis(palette, 'step'), themedAxis(palette)],
    series: [{ label: 'step' }, ...shape.lines.map(lineSeries)],
    cursor: { drag: { x: true, y: false, setScale: true } },
    legend: { live: true },
    hooks: shape.hooks,
  };
}
