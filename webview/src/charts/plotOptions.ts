import type uPlot from 'uplot';
import type { Palette } from '../ui/palette';
import { withAlpha } from '../ui/palette';
import { formatCount, formatValue } from '../ui/format';

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
  /** What x is (steps, or training time): its axis and its reading in the legend. */
  readonly x: { readonly axis: uPlot.Axis; readonly series: uPlot.Series };
}

/** An axis in the theme's colours; with a label (an x axis) or with compact tick values. */
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

/** Tick spacings the step axis may use: whole steps only (a "12.5" step does not exist). */
const STEP_INCREMENTS = Array.from({ length: 10 }, (_, power) => [1, 2, 2.5, 5].map((base) => base * 10 ** power))
  .flat().filter(Number.isInteger);

/**
 * A labelled x axis that ticks only at `increments` however far it is zoomed in. The ticks drawn
 * are also written on the chart's element (`data-${tickAttribute}`, e.g. data-step-ticks), for
 * tests and assistive technology: the canvas holds them only as pixels.
 */
export function tickedXAxis(palette: Palette, label: string, increments: number[], tick: (value: number) => string, tickAttribute: 'stepTicks' | 'timeTicks'): uPlot.Axis {
  return {
    ...themedAxis(palette, label),
    incrs: increments,
    values: (plot, splits) => {
      const labels = splits.map((split) => (split === null ? '' : tick(split)));
      plot.root.dataset[tickAttribute] = labels.join(' ');
      return labels;
    },
  };
}

/** The step axis: whole-step ticks; `label` says more where a chart stays on steps while others do not. */
export function stepAxis(palette: Palette, label = 'step'): uPlot.Axis {
  return tickedXAxis(palette, label, STEP_INCREMENTS, formatCount, 'stepTicks');
}

/** The index of the last drawn value of a series (−1 if none): what its legend shows while the cursor is elsewhere. */
function lastDrawn(values: ArrayLike<number | null | undefined> | undefined): number {
  for (let row = (values?.length ?? 0) - 1; row >= 0; row--) {
    const value = values![row];
    if (value !== null && value !== undefined) return row;
  }
  return -1;
}

/**
 * A line's series. Its legend reads the value under the cursor, and the latest value while the
 * cursor is off the chart (uPlot's own legend would read "—" until hovered).
 */
export function lineSeries(line: PlotLine): uPlot.Series {
  const format = line.format ?? formatValue;
  return {
    label: line.label, stroke: line.stroke, width: 1.5, show: line.show,
    points: line.points ? { show: true, size: 5, fill: line.stroke } : { show: false },
    ...(line.scale === undefined ? {} : { scale: line.scale }),
    ...(line.dash === undefined ? {} : { dash: [...line.dash] }),
    value: (plot, value, series, row) => {
      if (row !== null) return value === null || value === undefined ? '—' : format(value, row);
      const latest = lastDrawn(plot.data[series]);
      return latest < 0 ? '—' : `${format(plot.data[series]![latest]!, latest)} (latest)`;
    },
  };
}

/** The x series (`label`: step, training time): x under the cursor, or the latest x while the cursor is off the chart. */
export function xSeries(label: string, describe: (x: number, row: number) => string): uPlot.Series {
  return {
    label,
    value: (plot, x, _series, row) => {
      const at = row ?? lastDrawn(plot.data[0]);
      const shown = row === null ? plot.data[0][at] : x;
      return at < 0 || shown === null || shown === undefined ? '—' : describe(shown, at);
    },
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
    axes: [shape.x.axis, themedAxis(palette)],
    series: [shape.x.series, ...shape.lines.map(lineSeries)],
    cursor: { drag: { x: true, y: false, setScale: true } },
    legend: { live: true },
    hooks: shape.hooks,
  };
}
