/**
 * What a family logs, for everything that shows it: each metric's name (its field in metrics.jsonl),
 * label, network and whether it is a probability, gathered into groups that the dashboard draws
 * as one chart each. Nothing downstream knows a family's metric names; it reads them here.
 */
export interface MetricSpec {
  readonly name: string;
  readonly label: string;
  /** The network it describes, when one: "discriminator", "generator". */
  readonly network?: string;
  /** A value in [0, 1] (a discriminator's output under a logistic loss): charts then span [0, 1]. */
  readonly probability?: boolean;
}

export interface MetricGroup {
  /** The chart's title. */
  readonly title: string;
  /** What the chart shows, for assistive technology. */
  readonly description: string;
  readonly metrics: readonly MetricSpec[];
  /** Whether a log scale makes sense (losses, norms; not probabilities or signed scores). */
  readonly logScale: boolean;
}

export interface MetricCatalogue {
  readonly groups: readonly MetricGroup[];
  /**
   * The pair the runs view, status bar, sparklines and progress line show, and the curves of other
   * runs overlaid for comparison (a GAN's D and G loss). The group holding them carries the overlay.
   */
  readonly headline: readonly [string, string];
}

/** Every metric of a catalogue, in group order. */
export function catalogueMetrics(catalogue: MetricCatalogue): MetricSpec[] {
  return catalogue.groups.flatMap((group) => group.metrics);
}
