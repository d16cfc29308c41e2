import type { MetricCatalogue, MetricGroup } from '../../../src/core/families/catalogue';
import type { ChartColour } from '../ui/palette';

/** A metric drawn as one line: its column (the metrics.jsonl field) and its legend label. */
export interface SeriesSpec {
  readonly column: string;
  readonly label: string;
}

/** This run's lines, in the order they appear in a chart; D and G keep blue and orange, as the histogram and plane do. */
export const seriesColours: readonly ChartColour[] = ['blue', 'orange', 'green', 'purple', 'yellow', 'red'];

/** Overlaid runs: one colour per run, never the colours of this run's first two lines. */
export const compareColours: readonly ChartColour[] = ['purple', 'green', 'yellow', 'red'];

export function groupSeries(group: MetricGroup): SeriesSpec[] {
  return group.metrics.map((metric) => ({ column: metric.name, label: metric.label }));
}

/** The group that holds the catalogue's headline pair: its chart carries the comparison overlay and the diagnostics' markers. */
export function headlineGroup(catalogue: MetricCatalogue): MetricGroup | undefined {
  return catalogue.groups.find((group) => group.metrics.some((metric) => metric.name === catalogue.headline[0]));
}

/** The headline pair as overlay columns, with their labels ("D loss", "G loss"). */
export function headlineSeries(catalogue: MetricCatalogue): SeriesSpec[] {
  const labels = new Map(catalogue.groups.flatMap((group) => group.metrics).map((metric) => [metric.name, metric.label]));
  return catalogue.headline.map((column) => ({ column, label: labels.get(column) ?? column }));
}
