import type { DiagnosticKind, DiagnosticRecord } from '../run/evaluationRecords';

export type { DiagnosticKind } from '../run/evaluationRecords';

/**
 * The rule that found it. Oscillation has two independent witnesses: swinging D outputs in the
 * metrics, and (2D mixtures) the mode G's samples sit on changing at every evaluation.
 */
export type DiagnosticRule =
  | 'vanishing-gradients' | 'discriminator-overpowering' | 'mode-collapse' | 'oscillation' | 'mode-cycling' | 'divergence' | 'hidden-signal' | 'domains-apart';

export type DiagnosticSeverity = 'warning' | 'error';

/**
 * raised: the kind of failure started; escalated: it is still on and got worse (warning → error);
 * resolved: it cleared. Each kind is reported raised once, then nothing until it escalates or clears.
 */
export type DiagnosticStatus = 'raised' | 'escalated' | 'resolved';

export interface DiagnosticThreshold {
  /** One of the names in `measured`. */
  readonly measure: string;
  readonly operator: '<' | '≤' | '>' | '≥';
  readonly value: number;
}

export interface DiagnosticEvidence {
  /** The numbers the rule judged, by name (e.g. "D(G(z))"), 4 significant digits. */
  readonly measured: Readonly<Record<string, number>>;
  /** The steps they cover, and how many metrics lines or evaluations that was. */
  readonly window: { readonly fromStep: number; readonly toStep: number; readonly count: number };
  /** What raising needs (for a resolved finding: the same thresholds, now no longer crossed). */
  readonly thresholds: readonly DiagnosticThreshold[];
}

/** What the detector returns: a finding with its full evidence. `diagnosticLine` turns it into a metrics.jsonl line. */
export interface Diagnostic {
  readonly step: number;
  readonly kind: DiagnosticKind;
  readonly rule: DiagnosticRule;
  readonly status: DiagnosticStatus;
  readonly severity: DiagnosticSeverity;
  /** One sentence with the key numbers. */
  readonly summary: string;
  readonly evidence: DiagnosticEvidence;
  /** The usual cures, most effective first, naming config fields where one exists; empty when resolved. */
  readonly remedies: readonly string[];
  /** For escalated and resolved findings: the step the condition was raised. */
  readonly since?: number;
}

/**
 * The finding as the run directory stores it (a `type: 'diagnostic'` line of metrics.jsonl, the
 * format the dashboard reads): escalated becomes a second `raised` line with the new severity,
 * resolved becomes `cleared`, and each measured number carries the threshold it is judged by.
 */
export function diagnosticLine(finding: Diagnostic, time = new Date().toISOString()): DiagnosticRecord {
  const { measured, thresholds, window } = finding.evidence;
  return {
    type: 'diagnostic', step: finding.step, time, kind: finding.kind,
    state: finding.status === 'resolved' ? 'cleared' : 'raised',
    severity: finding.severity, summary: finding.summary,
    evidence: Object.entries(measured).map(([name, value]) => {
      const threshold = thresholds.find((t) => t.measure === name);
      return threshold
        ? { name, value, threshold: { value: threshold.value, when: threshold.operator === '<' || threshold.operator === '≤' ? 'below' : 'above' } }
        : { name, value };
    }),
    window: { from: window.fromStep, to: window.toStep },
    remedies: finding.remedies,
  };
}
