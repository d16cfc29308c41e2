import type { MetricColumn } from '../../../src/protocol/dashboardMessages';
import type { ChartColour } from '../ui/palette';

/** A metric drawn as one line. */
export interface SeriesSpec {
  readonly column: MetricColumn;
  readonly label: string;
  readonly colour: ChartColour;
}

/** Losses and their parts: the parts appear only when the run logs them. */
export const lossSeries: readonly SeriesSpec[] = [
  { column: 'dLoss', label: 'D loss', colour: 'blue' },
  { column: 'gLoss', label: 'G loss', colour: 'orange' },
  { column: 'dLossReal', label: 'D loss (real)', colour: 'green' },
  { column: 'dLossFake', label: 'D loss (fake)', colour: 'purple' },
  { column: 'gradientPenalty', label: 'gradient penalty', colour: 'yellow' },
  { column: 'r1Penalty', label: 'R1 penalty', colour: 'red' },
];

/** Mean discriminator outputs; real and generated keep the colours the histogram and plane use. */
export const discriminatorSeries: readonly SeriesSpec[] = [
  { column: 'dReal', label: 'D(x)', colour: 'blue' },
  { column: 'dFake', label: 'D(G(z))', colour: 'orange' },
];

/** Overlaid runs: one colour per run, never the colours of this run's D and G losses. */
export const compareColours: readonly ChartColour[] = ['purple', 'green', 'yellow', 'red'];
