import {
  byShare, stepsOf, unknown, windowOf, type Assessment, type RuleContext,
} from './diagnosticHistory';
import type { DiagnosticKind, DiagnosticRule, DiagnosticThreshold } from './diagnosticFinding';
import { formatNumber, formatPercent, median, shareWhere, significant } from './diagnosticStats';
import {
  COVERAGE_COLLAPSE_SHARE, COVERAGE_MIN_QUALITY, CYCLING_DOMINANT_SHARE, CYCLING_MIN_HOPS, CYCLING_MIN_SAMPLES,
  DIVERSITY_COLLAPSE_RATIO, DIVERSITY_SEVERE_RATIO, MIN_WINDOW_EVALUATIONS, MODES_LOST_FRACTION, MODES_LOST_MIN, SUSTAINED_SHARE,
} from './diagnosticThresholds';
import type { DiversityComparison } from './diversity';
import type { ModeCoverage } from './modeCoverage';

/** What an evaluation of generated samples tells the detector; give whichever was measured. */
export interface EvaluationObservation {
  readonly step: number;
  /** Generated against real diversity (diversity.ts): any data. */
  readonly diversity?: DiversityComparison;
  /** Mode coverage of the generated samples (modeCoverage.ts): 2D Gaussian mixtures. */
  readonly coverage?: Pick<ModeCoverage, 'modesCovered' | 'modes' | 'highQualityShare' | 'perMode'>;
}

/**
 * Evaluations after the warm-up (one window: a generator starts as a small cloud, as concentrated
 * as a collapsed one, and needs a few hundred steps to spread) and the most modes ever covered.
 */
export class EvaluationHistory {
  private observations: EvaluationObservation[] = [];
  private firstStep: number | undefined;
  private peak = 0;

  /** Both the warm-up and the longest window the rules look back on. */
  constructor(private readonly windowSteps: number) {}

  add(observation: EvaluationObservation): void {
    this.peak = Math.max(this.peak, observation.coverage?.modesCovered ?? 0);
    if (observation.step < this.windowSteps) return;
    this.firstStep ??= observation.step;
    this.observations.push(observation);
    this.observations = this.observations.filter((o) => o.step >= observation.step - this.windowSteps);
  }

  get peakModesCovered(): number {
    return this.peak;
  }

  /** Evaluations of the last `steps` steps (inclusive), once they span that long and number MIN_WINDOW_EVALUATIONS. */
  window(steps: number): readonly EvaluationObservation[] | undefined {
    const latest = this.observations.at(-1);
    if (!latest || this.firstStep === undefined || latest.step - this.firstStep < steps) return undefined;
    const inWindow = this.observations.filter((o) => o.step >= latest.step - steps);
    return inWindow.length >= MIN_WINDOW_EVALUATIONS ? inWindow : undefined;
  }
}

export interface SampleRule {
  readonly rule: DiagnosticRule;
  readonly kind: DiagnosticKind;
  assess(history: EvaluationHistory, context: RuleContext): Assessment;
}

const SHARE = 'share of evaluations';

/** Modes lost: this far below the best coverage seen. */
const modesLostLimit = (peak: number) => Math.max(MODES_LOST_MIN, MODES_LOST_FRACTION * peak);

/**
 * One evaluation shows collapse when samples are far less varied than the data; on a 2D mixture
 * when at most half the modes are covered while the samples are concentrated (or, without a
 * diversity figure, realistic), or when modes were lost since the best coverage seen.
 */
function collapsed(observation: EvaluationObservation, peak: number): boolean {
  const ratio = observation.diversity?.ratio;
  const coverage = observation.coverage;
  if (!coverage) return ratio !== undefined && ratio < DIVERSITY_COLLAPSE_RATIO;
  const concentrated = ratio !== undefined ? ratio < DIVERSITY_COLLAPSE_RATIO : coverage.highQualityShare >= COVERAGE_MIN_QUALITY;
  return (coverage.modesCovered <= COVERAGE_COLLAPSE_SHARE * coverage.modes && concentrated)
    || peak - coverage.modesCovered >= modesLostLimit(peak);
}

export const modeCollapse: SampleRule = {
  rule: 'mode-collapse',
  kind: 'mode-collapse',
  assess(history, context) {
    const window = history.window(context.windowSteps);
    if (!window) return unknown;
    const peak = history.peakModesCovered;
    const share = shareWhere(window, (o) => collapsed(o, peak));
    const ratios = window.flatMap((o) => (o.diversity ? [o.diversity.ratio] : []));
    const coverages = window.flatMap((o) => (o.coverage ? [o.coverage] : []));
    const ratio = ratios.length ? median(ratios) : undefined;
    const covered = coverages.length ? median(coverages.map((c) => c.modesCovered)) : undefined;
    const modes = coverages.at(-1)?.modes ?? 0;
    const measured: Record<string, number> = { [SHARE]: significant(share) };
    const thresholds: DiagnosticThreshold[] = [];
    if (ratio !== undefined) {
      Object.assign(measured, { 'diversity ratio': significant(ratio) });
      thresholds.push({ measure: 'diversity ratio', operator: '<', value: DIVERSITY_COLLAPSE_RATIO });
    }
    if (covered !== undefined) {
      Object.assign(measured, { 'modes covered': covered, modes, 'peak modes covered': peak,
        'high-quality share': significant(median(coverages.map((c) => c.highQualityShare))) });
      thresholds.push({ measure: 'modes covered', operator: '≤', value: COVERAGE_COLLAPSE_SHARE * modes });
      if (peak >= modesLostLimit(peak)) thresholds.push({ measure: 'modes covered', operator: '≤', value: peak - modesLostLimit(peak) });
    }
    thresholds.push({ measure: SHARE, operator: '≥', value: SUSTAINED_SHARE });
    const evidence = { measured, window: windowOf(window), thresholds };
    const severe = ratio !== undefined ? ratio < DIVERSITY_SEVERE_RATIO : (covered ?? 0) <= 1;
    const over = `medians over ${stepsOf(evidence.window)}`;
    const words = collapseWords(covered, modes, peak, ratio, significant(median(coverages.map((c) => c.highQualityShare))));
    return byShare(share, evidence, {
      severity: severe ? 'error' : 'warning',
      raised: `Mode collapse: ${words.reading} (${over}).`,
      cleared: `${words.cleared} (${over}).`,
    });
  },
};

/**
 * The words of a mode-collapse finding, true to its numbers. "Covered" is strict (a sample within
 * 3σ of the mode), so the rule can clear while few modes are covered: the samples are spread like
 * the data but not yet on the modes. Then the clearing must say that, not "varied again: 1 of 8".
 */
function collapseWords(
  covered: number | undefined, modes: number, peak: number, ratio: number | undefined, highQuality: number,
): { readonly reading: string; readonly cleared: string } {
  const spread = ratio !== undefined ? `its samples spread ${formatPercent(ratio)} as far as the data's` : '';
  if (covered === undefined) {
    const reading = `G's samples spread ${formatPercent(ratio ?? 0)} as far as the data's (mean pairwise distance)`;
    return { reading, cleared: `The samples are varied again: ${reading}` };
  }
  const coverage = `G covers ${formatNumber(covered)} of ${modes} modes (${peak} at most so far; covered: a sample within 3σ of the mode)`;
  const reading = `${coverage}${spread ? ` and ${spread}` : ''}`;
  if (covered > COVERAGE_COLLAPSE_SHARE * modes) return { reading, cleared: `The samples are varied again: ${reading}` };
  const why = ratio !== undefined ? `G's samples spread ${formatPercent(ratio)} as far as the data's` : `only ${formatPercent(highQuality)} of G's samples are within 3σ of a mode`;
  return {
    reading,
    cleared: `No longer collapsed onto a few modes: ${why}; but only ${formatNumber(covered)} of ${modes} modes have a sample `
      + 'within 3σ yet: the samples are spread out, mostly between the modes, not on them',
  };
}

/** The mode G's samples sit on, when one holds most of the high-quality samples. */
function dominantMode(observation: EvaluationObservation): number | undefined {
  const perMode = observation.coverage?.perMode;
  if (!perMode?.length) return undefined;
  const total = perMode.reduce((sum, n) => sum + n, 0);
  const best = perMode.indexOf(Math.max(...perMode));
  const count = perMode[best]!;
  return count >= CYCLING_MIN_SAMPLES && count >= CYCLING_DOMINANT_SHARE * total ? best : undefined;
}

/**
 * Oscillation seen in the samples (2D mixtures): G sits on one mode, D learns to reject it, G
 * jumps to another, and so on: the dominant mode changes at every evaluation.
 */
export const modeCycling: SampleRule = {
  rule: 'mode-cycling',
  kind: 'oscillation',
  assess(history, context) {
    const window = history.window(context.windowSteps);
    if (!window) return unknown;
    const sitting = window.flatMap((o) => {
      const mode = dominantMode(o);
      return mode === undefined ? [] : [{ step: o.step, mode }];
    });
    const hops = sitting.filter((s, i) => i > 0 && s.mode !== sitting[i - 1]!.mode).length;
    const stays = Math.max(0, sitting.length - 1 - hops);
    const measured: Record<string, number> = { 'dominant mode changes': hops, 'evaluations on the same mode': stays };
    for (const s of sitting) measured[`dominant mode at step ${s.step}`] = s.mode;
    const evidence = {
      measured, window: windowOf(window),
      thresholds: [{ measure: 'dominant mode changes', operator: '≥', value: CYCLING_MIN_HOPS } as const],
    };
    const sequence = sitting.map((s) => `${s.mode} (step ${s.step})`).join(' → ');
    if (hops >= CYCLING_MIN_HOPS && hops > stays) {
      return { state: 'present', severity: 'warning', evidence,
        summary: `G hops from mode to mode instead of covering them: its samples sat on mode ${sequence} over ${stepsOf(evidence.window)}.` };
    }
    if (hops === 0) return { state: 'absent', evidence, summary: `G no longer hops between modes over ${stepsOf(evidence.window)}.` };
    return unknown;
  },
};
