import type { ObjectiveKind } from '../config/objectiveSchema';
import type { GameRecord } from '../run/records';
import { stepsOf, unknown, windowOf, type MetricRule } from './diagnosticHistory';
import {
  countSwings, detrend, formatNumber, lag1Autocorrelation, median, movingAverage, significant, standardDeviation,
} from './diagnosticStats';
import {
  OSCILLATION_AMPLITUDE, OSCILLATION_AMPLITUDE_HINGE, OSCILLATION_CLEAR_FACTOR, OSCILLATION_MIN_AUTOCORRELATION_WASSERSTEIN,
  OSCILLATION_MIN_RECORDS, OSCILLATION_MIN_SWINGS, OSCILLATION_RELATIVE_AMPLITUDE_WASSERSTEIN, OSCILLATION_SMOOTHING,
  OSCILLATION_WINDOW_FACTOR,
} from './diagnosticThresholds';

interface SeriesSwings {
  readonly name: string;
  /** Standard deviation of the smoothed series once its linear trend is removed. */
  readonly amplitude: number;
  readonly threshold: number;
  readonly swings: number;
  /** Whether the swings are slow enough to be dynamics rather than batch noise (judged for critics only). */
  readonly structured: boolean;
}

/**
 * The series whose swings matter. Bounded D outputs (probabilities, least-squares and hinge
 * scores) are judged on a fixed scale; a Wasserstein critic only on its distance estimate
 * D(x) − D(G(z)), relative to the estimate's own size, since its raw scores drift by a constant.
 */
function swingsOf(window: readonly GameRecord[], objective: ObjectiveKind): SeriesSwings[] {
  const critic = objective === 'wasserstein';
  const series = critic
    ? [{ name: 'D(x) − D(G(z))', values: window.map((r) => r.dReal - r.dFake) }]
    : [{ name: 'D(x)', values: window.map((r) => r.dReal) }, { name: 'D(G(z))', values: window.map((r) => r.dFake) }];
  return series.map(({ name, values }) => {
    const raw = detrend(values);
    const amplitude = standardDeviation(detrend(movingAverage(values, OSCILLATION_SMOOTHING)));
    // (A critic whose estimate is exactly 0 throughout gets a tiny threshold rather than a division by 0.)
    const threshold = critic ? Math.max(OSCILLATION_RELATIVE_AMPLITUDE_WASSERSTEIN * median(values.map(Math.abs)), 1e-9)
      : objective === 'hinge' ? OSCILLATION_AMPLITUDE_HINGE : OSCILLATION_AMPLITUDE;
    // Swings and autocorrelation on the unsmoothed residuals: smoothing merges the fast swings of a
    // strongly oscillating run, and would make plain noise look correlated.
    const structured = !critic || lag1Autocorrelation(raw) >= OSCILLATION_MIN_AUTOCORRELATION_WASSERSTEIN;
    return { name, amplitude, threshold, swings: countSwings(raw, standardDeviation(raw) / 2), structured };
  });
}

/**
 * Non-convergence: D's outputs swinging back and forth with a large amplitude over two windows,
 * whatever their trend. Judged on D outputs rather than losses because they are bounded and
 * comparable across runs for every objective but Wasserstein.
 */
export const oscillation: MetricRule = {
  rule: 'oscillation',
  kind: 'oscillation',
  assess(history, context) {
    const window = history.window(context.windowSteps * OSCILLATION_WINDOW_FACTOR, OSCILLATION_MIN_RECORDS);
    if (!window) return unknown;
    const all = swingsOf(window, context.objective);
    const strongest = all.reduce((a, b) => (b.amplitude / b.threshold > a.amplitude / a.threshold ? b : a));
    const evidence = {
      measured: {
        [`${strongest.name} amplitude`]: significant(strongest.amplitude),
        [`${strongest.name} swings`]: strongest.swings,
      },
      window: windowOf(window),
      thresholds: [
        { measure: `${strongest.name} amplitude`, operator: '≥', value: significant(strongest.threshold) } as const,
        { measure: `${strongest.name} swings`, operator: '≥', value: OSCILLATION_MIN_SWINGS } as const,
      ],
    };
    const reading = `${strongest.name} swings ${strongest.swings} times with an amplitude (σ after removing the trend) of ${formatNumber(strongest.amplitude)} over ${stepsOf(evidence.window)}`;
    if (strongest.amplitude >= strongest.threshold && strongest.swings >= OSCILLATION_MIN_SWINGS && strongest.structured) {
      return { state: 'present', severity: 'warning', evidence, summary: `Training oscillates instead of converging: ${reading}.` };
    }
    if (all.every((s) => s.amplitude < OSCILLATION_CLEAR_FACTOR * s.threshold)) {
      return { state: 'absent', evidence, summary: `The oscillation has settled: ${reading}.` };
    }
    return unknown;
  },
};
