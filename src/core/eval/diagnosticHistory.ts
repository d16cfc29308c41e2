import type { ObjectiveKind } from '../config/objectiveSchema';
import type { GameRecord } from '../run/records';
import type { DiagnosticEvidence, DiagnosticKind, DiagnosticRule, DiagnosticSeverity } from './diagnosticFinding';
import { median } from './diagnosticStats';
import {
  CLEARED_SHARE, DIVERGENCE_BASELINE_RECORDS, GRADIENT_PEAK_SMOOTHING, MIN_WINDOW_RECORDS, SUSTAINED_SHARE,
} from './diagnosticThresholds';

/** What the rules know about the run besides its numbers. */
export interface RuleContext {
  readonly objective: ObjectiveKind;
  /** D's target for real data: 1, or 1 − one-sided label smoothing. */
  readonly realTarget: number;
  readonly windowSteps: number;
}

/** A rule's verdict on the latest data; `unknown` (too little data, or in the hysteresis band) keeps the current state. */
export type Assessment =
  | { readonly state: 'present'; readonly severity: DiagnosticSeverity; readonly summary: string; readonly evidence: DiagnosticEvidence }
  | { readonly state: 'absent'; readonly summary: string; readonly evidence: DiagnosticEvidence }
  | { readonly state: 'unknown' };

export const unknown: Assessment = { state: 'unknown' };

/** A rule judged on metrics lines. */
export interface MetricRule {
  readonly rule: DiagnosticRule;
  readonly kind: DiagnosticKind;
  assess(history: MetricsHistory, context: RuleContext): Assessment;
}

/** D's outputs are probabilities (sigmoid of a logit) only for the two logistic objectives. */
export function isProbabilityObjective(objective: ObjectiveKind): boolean {
  return objective === 'minimax' || objective === 'non-saturating';
}

/** The steps a list of step-stamped items covers, for evidence. */
export function windowOf(items: readonly { readonly step: number }[]): DiagnosticEvidence['window'] {
  return { fromStep: items[0]?.step ?? 0, toStep: items.at(-1)?.step ?? 0, count: items.length };
}

/** "steps 100–300", for summaries. */
export function stepsOf(window: DiagnosticEvidence['window']): string {
  return `steps ${window.fromStep}–${window.toStep}`;
}

/**
 * The verdict of a rule that counts the share of its window meeting a condition: present when
 * sustained, absent when cleared, unknown in between (hysteresis keeps the current state).
 */
export function byShare(
  share: number, evidence: DiagnosticEvidence,
  verdict: { readonly severity: DiagnosticSeverity; readonly raised: string; readonly cleared: string },
): Assessment {
  if (share >= SUSTAINED_SHARE) return { state: 'present', severity: verdict.severity, summary: verdict.raised, evidence };
  if (share < CLEARED_SHARE) return { state: 'absent', summary: verdict.cleared, evidence };
  return unknown;
}

/**
 * The metrics lines the rules look back on: the last `keepSteps` steps (the longest window), the
 * first lines (the early scale divergence is measured against) and G's gradient-norm peak.
 */
export class MetricsHistory {
  private readonly records: GameRecord[] = [];
  private readonly first: GameRecord[] = [];
  private peak = 0;

  constructor(private readonly keepSteps: number, private readonly keepRecords: number) {}

  add(record: GameRecord): void {
    this.records.push(record);
    if (this.first.length < DIVERGENCE_BASELINE_RECORDS) this.first.push(record);
    const recent = this.records.slice(-GRADIENT_PEAK_SMOOTHING).map((r) => r.gradNormG);
    // A running median of 3–5 lines: one spiky early batch must not set the peak.
    if (recent.length >= 3) this.peak = Math.max(this.peak, median(recent));
    const oldest = record.step - this.keepSteps;
    while (this.records.length > this.keepRecords && this.records[0]!.step < oldest) this.records.shift();
  }

  get latest(): GameRecord | undefined {
    return this.records.at(-1);
  }

  /** The first lines of the run, for the early scale; complete once DIVERGENCE_BASELINE_RECORDS exist. */
  get baseline(): readonly GameRecord[] {
    return this.first;
  }

  /** Peak of the running median of G's gradient norm; 0 until 3 lines exist. */
  get generatorGradientPeak(): number {
    return this.peak;
  }

  /** The last `count` lines. */
  tail(count: number): readonly GameRecord[] {
    return this.records.slice(-count);
  }

  /**
   * The lines of the last `steps` steps (inclusive), widened to `minRecords` lines; undefined until
   * the run has been logged for that long, so that "sustained" always means a whole window.
   */
  window(steps: number, minRecords = MIN_WINDOW_RECORDS): readonly GameRecord[] | undefined {
    const latest = this.latest;
    const firstStep = this.first[0]?.step;
    if (!latest || firstStep === undefined || latest.step - firstStep < steps) return undefined;
    const inWindow = this.records.filter((r) => r.step >= latest.step - steps);
    const chosen = inWindow.length >= minRecords ? inWindow : this.records.slice(-minRecords);
    return chosen.length >= minRecords ? chosen : undefined;
  }
}
