import type { ObjectiveKind } from '../config/objectiveSchema';
import type { GanConfig } from '../config/schema';
import { realTarget } from '../objectives/labelSmoothing';
import type { DiagnosticRecord, FamilyFigure } from '../run/evaluationRecords';
import { domainsApart, hiddenSignal, type FigureRule } from './diagnosticFigureRules';
import type { GameRecord } from '../run/records';
import { divergence } from './diagnosticDivergence';
import { MetricsHistory, type Assessment, type MetricRule, type RuleContext } from './diagnosticHistory';
import { discriminatorOverpowering, vanishingGradients } from './diagnosticMetricRules';
import { oscillation } from './diagnosticOscillation';
import type { Diagnostic, DiagnosticKind, DiagnosticRule, DiagnosticSeverity } from './diagnosticFinding';
import { remediesFor } from './diagnosticRemedies';
import { EvaluationHistory, modeCollapse, modeCycling, type EvaluationObservation, type SampleRule } from './diagnosticSampleRules';
import { DEFAULT_WINDOW_STEPS, OSCILLATION_MIN_RECORDS, OSCILLATION_WINDOW_FACTOR } from './diagnosticThresholds';

export type { EvaluationObservation } from './diagnosticSampleRules';

export interface DiagnosticsOptions {
  readonly objective: ObjectiveKind;
  /** D's target for real data, 1 − one-sided label smoothing (default 1). */
  readonly realTarget?: number;
  /** Steps a condition must be sustained over (default DEFAULT_WINDOW_STEPS, 200). */
  readonly windowSteps?: number;
}

/** The detector's options for a resolved config. */
export function diagnosticsOptions(config: Pick<GanConfig, 'objective' | 'regularizers'>): DiagnosticsOptions {
  return { objective: config.objective.kind, realTarget: realTarget(config.regularizers) };
}

const metricRules: readonly MetricRule[] = [vanishingGradients, discriminatorOverpowering, oscillation, divergence];
const sampleRules: readonly SampleRule[] = [modeCollapse, modeCycling];
const figureRules: readonly FigureRule[] = [hiddenSignal, domainsApart];

/** A kind of failure currently raised: since when, how severe, and which rules have seen it and not yet cleared it. */
interface RaisedKind {
  readonly since: number;
  severity: DiagnosticSeverity;
  readonly rules: Set<DiagnosticRule>;
}

/**
 * Watches a run for the failure modes users read about (docs/diagnostics.md). Feed it every
 * metrics line as it is logged and every evaluation of generated samples; each call returns the
 * findings that are new. State is kept per kind: a kind is reported once when it is raised, again
 * only if it escalates from warning to error, and once when it resolves (when no rule sees it any
 * more) — after which it may be raised anew.
 */
export class DiagnosticsDetector {
  private readonly context: RuleContext;
  private readonly metrics: MetricsHistory;
  private readonly evaluations: EvaluationHistory;
  private readonly raised = new Map<DiagnosticKind, RaisedKind>();

  constructor(options: DiagnosticsOptions) {
    const windowSteps = options.windowSteps ?? DEFAULT_WINDOW_STEPS;
    this.context = { objective: options.objective, realTarget: options.realTarget ?? 1, windowSteps };
    this.metrics = new MetricsHistory(windowSteps * OSCILLATION_WINDOW_FACTOR, OSCILLATION_MIN_RECORDS);
    this.evaluations = new EvaluationHistory(windowSteps);
  }

  /** A metrics line, as appended to metrics.jsonl. */
  observeMetrics(record: GameRecord): Diagnostic[] {
    this.metrics.add(record);
    return this.judge(record.step, metricRules.map((rule) => [rule, rule.assess(this.metrics, this.context)]));
  }

  /** An evaluation of generated samples: their diversity, and for 2D mixtures their mode coverage. */
  observeEvaluation(observation: EvaluationObservation): Diagnostic[] {
    if (!observation.diversity && !observation.coverage) return [];
    this.evaluations.add(observation);
    return this.judge(observation.step, sampleRules.map((rule) => [rule, rule.assess(this.evaluations, this.context)]));
  }

  /** A family's own figures from an evaluation (a translation family's round trips). */
  observeFigures(step: number, figures: readonly FamilyFigure[]): Diagnostic[] {
    return this.judge(step, figureRules.map((rule) => [rule, rule.assess(step, figures)]));
  }

  /** The kinds raised and not yet resolved. */
  get active(): readonly DiagnosticKind[] {
    return [...this.raised.keys()];
  }

  /**
   * On resume: replays the metrics lines kept up to the checkpoint and takes the kinds still
   * raised from the diagnostic lines kept with them, so nothing is reported twice. Evaluations are
   * not replayed: their rules start afresh.
   */
  restore(metrics: readonly GameRecord[], lines: readonly DiagnosticRecord[]): void {
    for (const record of metrics) this.observeMetrics(record);
    this.raised.clear();
    for (const line of lines) {
      const current = this.raised.get(line.kind);
      if (line.state === 'cleared') this.raised.delete(line.kind);
      else if (!current) this.raised.set(line.kind, { since: line.step, severity: line.severity, rules: new Set() });
      else if (line.severity === 'error') current.severity = 'error';
      // Lines do not say which rule raised a kind, so the rule set stays empty: the first rule
      // to find the kind absent resolves it.

    }
  }

  private judge(step: number, verdicts: readonly (readonly [MetricRule | SampleRule | FigureRule, Assessment])[]): Diagnostic[] {
    return verdicts.flatMap(([rule, assessment]) => {
      const finding = this.update(step, rule, assessment);
      return finding ? [finding] : [];
    });
  }

  /** The state machine of one kind: raised → (escalated) → resolved → raised… */
  private update(step: number, rule: MetricRule | SampleRule | FigureRule, assessment: Assessment): Diagnostic | undefined {
    const current = this.raised.get(rule.kind);
    const base = { step, kind: rule.kind, rule: rule.rule };
    if (assessment.state === 'present') {
      const { severity, summary, evidence } = assessment;
      const remedies = remediesFor(rule.kind, this.context.objective);
      if (!current) {
        this.raised.set(rule.kind, { since: step, severity, rules: new Set([rule.rule]) });
        return { ...base, status: 'raised', severity, summary, evidence, remedies };
      }
      current.rules.add(rule.rule);
      if (current.severity === 'warning' && severity === 'error') {
        current.severity = severity;
        return { ...base, status: 'escalated', severity, summary, evidence, remedies, since: current.since };
      }
      return undefined;
    }
    if (assessment.state !== 'absent' || !current) return undefined;
    current.rules.delete(rule.rule);
    if (current.rules.size === 0) {
      this.raised.delete(rule.kind);
      const { summary, evidence } = assessment;
      return { ...base, status: 'resolved', severity: current.severity, summary, evidence, remedies: [], since: current.since };
    }
    return undefined;
  }
}
