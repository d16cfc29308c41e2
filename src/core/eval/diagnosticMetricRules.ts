import type { GameRecord } from '../run/records';
import {
  byShare, isProbabilityObjective, stepsOf, unknown, windowOf, type MetricRule,
} from './diagnosticHistory';
import type { DiagnosticThreshold } from './diagnosticFinding';
import { formatNumber, formatPercent, median, shareWhere, significant } from './diagnosticStats';
import {
  OVERPOWERING_GAP, OVERPOWERING_HINGE_LOSS, SUSTAINED_SHARE, VANISHING_FAKE_PROBABILITY,
  VANISHING_GRADIENT_RATIO, VANISHING_GRADIENT_RATIO_SCORES,
} from './diagnosticThresholds';

// Rules on metrics lines that count how much of a window meets a per-line condition. Measured
// values in their evidence are window medians; "share of lines" counts the lines meeting every
// per-line threshold at once.

const SHARE = 'share of lines';
const shareThreshold: DiagnosticThreshold = { measure: SHARE, operator: '≥', value: SUSTAINED_SHARE };

/**
 * G's gradient collapsing. For minimax/non-saturating it must come with D(G(z)) → 0, the
 * saturation that starves minimax G; the non-saturating loss's gradient does not collapse there,
 * so the same rule stays quiet for it. Other objectives cannot saturate: only a hundredfold
 * collapse of the gradient counts (a flat critic).
 */
export const vanishingGradients: MetricRule = {
  rule: 'vanishing-gradients',
  kind: 'vanishing-gradients',
  assess(history, context) {
    const window = history.window(context.windowSteps);
    const peak = history.generatorGradientPeak;
    if (!window || !(peak > 0)) return unknown;
    const probability = isProbabilityObjective(context.objective);
    const ratioLimit = probability ? VANISHING_GRADIENT_RATIO : VANISHING_GRADIENT_RATIO_SCORES;
    const holds = (r: GameRecord) => r.gradNormG < ratioLimit * peak && (!probability || r.dFake < VANISHING_FAKE_PROBABILITY);
    const share = shareWhere(window, holds);
    const fake = median(window.map((r) => r.dFake));
    const ratio = median(window.map((r) => r.gradNormG)) / peak;
    const evidence = {
      measured: {
        ...(probability ? { 'D(G(z))': significant(fake) } : {}),
        'G gradient norm / peak': significant(ratio), 'G gradient norm peak': significant(peak), [SHARE]: significant(share),
      },
      window: windowOf(window),
      thresholds: [
        ...(probability ? [{ measure: 'D(G(z))', operator: '<', value: VANISHING_FAKE_PROBABILITY } as const] : []),
        { measure: 'G gradient norm / peak', operator: '<', value: ratioLimit } as const, shareThreshold,
      ],
    };
    const during = `over ${stepsOf(evidence.window)}`;
    const fakePart = probability ? `D(G(z)) has a median of ${formatNumber(fake)} and ` : '';
    return byShare(share, evidence, {
      severity: 'error',
      raised: `G's gradient has vanished: ${fakePart}G's gradient norm is ${formatPercent(ratio)} of its peak ${during}, so G has almost stopped learning.`,
      cleared: `G's gradient is back: ${fakePart}G's gradient norm is ${formatPercent(ratio)} of its peak ${during}.`,
    });
  },
};

/**
 * D separating real from generated data almost perfectly. Probabilities and least-squares scores
 * (labels 0/1) are judged on the gap between the means; hinge on its loss, which reaches 0 once
 * every example is beyond its margin. A Wasserstein critic has no "perfect" separation (its gap
 * estimates a distance), so this rule does not apply to it: runaway critic scores are divergence.
 */
export const discriminatorOverpowering: MetricRule = {
  rule: 'discriminator-overpowering',
  kind: 'discriminator-overpowering',
  assess(history, context) {
    if (context.objective === 'wasserstein') return unknown;
    const window = history.window(context.windowSteps);
    if (!window) return unknown;
    const common = { 'D(x)': significant(median(window.map((r) => r.dReal))), 'D(G(z))': significant(median(window.map((r) => r.dFake))) };
    const hinge = context.objective === 'hinge';
    const gapLimit = OVERPOWERING_GAP * context.realTarget;
    const holds = hinge
      ? (r: GameRecord) => r.dLossReal + r.dLossFake < OVERPOWERING_HINGE_LOSS
      : (r: GameRecord) => r.dReal - r.dFake > gapLimit;
    const share = shareWhere(window, holds);
    const measureName = hinge ? 'D hinge loss' : 'D(x) − D(G(z))';
    const measured = median(window.map((r) => (hinge ? r.dLossReal + r.dLossFake : r.dReal - r.dFake)));
    const evidence = {
      measured: { ...common, [measureName]: significant(measured), [SHARE]: significant(share) },
      window: windowOf(window),
      thresholds: [
        hinge ? { measure: measureName, operator: '<', value: OVERPOWERING_HINGE_LOSS } as const
          : { measure: measureName, operator: '>', value: significant(gapLimit) } as const,
        shareThreshold,
      ],
    };
    const reading = hinge ? `its hinge loss has a median of ${formatNumber(measured)}`
      : `mean D(x) ${formatNumber(common['D(x)'])} against D(G(z)) ${formatNumber(common['D(G(z))'])}`;
    return byShare(share, evidence, {
      severity: 'warning',
      raised: `D separates real from generated data almost perfectly (${reading}) in ${formatPercent(share)} of the lines over ${stepsOf(evidence.window)}.`,
      cleared: `D no longer separates real from generated data perfectly (${reading}) over ${stepsOf(evidence.window)}.`,
    });
  },
};
