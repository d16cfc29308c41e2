/**
 * What a family logs, for everything that shows it: each metric's name (its field in metrics.jsonl),
 * label, network and whether it is a probability, gathered into groups that the dashboard draws
 * as one chart each. Nothing downstream knows a family's metric names; it reads them here.
 */
export interface MetricSpec {
  readonly name: string;
  readonly label: string;
  /** A one- or two-letter label where space is short (the runs view, the status bar): "D", "G". */
  readonly short?: string;
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
  /** For a student: how to read the chart, and what healthy and failing look like (the card's "What am I looking at?"). */
  readonly explanation?: string;
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

/** The headline pair: its metric names, short labels ("D", "G") for tight spaces and long ones ("D loss", "G loss"). */
export interface HeadlineSpec {
  readonly names: readonly [string, string];
  readonly short: readonly [string, string];
  readonly long: readonly [string, string];
}

export function headlineSpec(catalogue: MetricCatalogue): HeadlineSpec {
  const specs = new Map(catalogueMetrics(catalogue).map((metric) => [metric.name, metric]));
  const [first, second] = catalogue.headline.map((name) => specs.get(name));
  return {
    names: catalogue.headline,
    short: [first?.short ?? first?.label ?? catalogue.headline[0], second?.short ?? second?.label ?? catalogue.headline[1]],
    long: [first?.label ?? catalogue.headline[0], second?.label ?? catalogue.headline[1]],
  };
}

/** The headline pair's values in a metrics line, when it has both. */
export function headlineValues(headline: Pick<MetricCatalogue, 'headline'>, line: object): readonly [number, number] | undefined {
  const fields = line as Readonly<Record<string, unknown>>;
  const [first, second] = headline.headline.map((name) => fields[name]);
  return typeof first === 'number' && typeof second === 'number' ? [first, second] : undefined;
}

/**
 * D's mean output on real and on generated inputs, under the names the failure-mode diagnostics
 * read (`dReal`, `dFake`): every adversarial family shows it, each with its own labels.
 */
export function meanDOutputsGroup(title: string, description: string, labels: readonly [string, string], probability: boolean): MetricGroup {
  const [real, fake] = labels;
  const settled = probability
    ? `both near 0.5: D cannot tell them apart, which is where a GAN's game settles. ${real} near 1 with ${fake} near 0 for long means D wins outright and G learns little`
    : 'close together: D cannot tell them apart. A gap that keeps widening means D separates them easily';
  return {
    title, description, logScale: false,
    explanation: `${real} is D's average output on a batch of real data, ${fake} on a batch of generated data. In a healthy run they draw together, ${settled} (Diagnostics says so when it happens).`,
    metrics: [
      { name: 'dReal', label: labels[0], network: 'discriminator', probability },
      { name: 'dFake', label: labels[1], network: 'discriminator', probability },
    ],
  };
}

/** The σ of the instance noise on D's inputs over steps: every family that adds it logs `instanceNoiseSigma`. */
export const instanceNoiseGroup: MetricGroup = {
  title: 'Instance noise', description: 'Standard deviation of the instance noise added to D\'s inputs over steps', logScale: false,
  explanation: 'The σ of the Gaussian noise added to everything D sees, lowered towards 0 over training: early on it blurs real '
    + 'and generated data together, so D cannot separate them perfectly and G keeps a useful gradient.',
  metrics: [{ name: 'instanceNoiseSigma', label: 'σ' }],
};
