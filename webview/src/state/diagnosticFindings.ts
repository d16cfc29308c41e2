import type { DiagnosticKind, DiagnosticRecord } from '../../../src/core/run/evaluationRecords';

export { diagnosticKindLabels } from '../../../src/core/run/diagnosticKinds';

/** A diagnostic line as the dashboard lists it. */
export interface Finding {
  readonly record: DiagnosticRecord;
  /** Its position among the run's diagnostics: with the record, a key that survives redraws. */
  readonly index: number;
  /** For a raised finding that a later `cleared` of its kind ended: the step it cleared at. */
  readonly resolvedAt: number | undefined;
}

export interface FindingsSummary {
  /** Newest first. */
  readonly findings: readonly Finding[];
  /** Raised and not cleared since: what the run has now. */
  readonly active: readonly Finding[];
}

/** Pairs each `cleared` line with the raised findings of its kind it ends, in the order the run wrote them. */
export function summariseFindings(records: readonly DiagnosticRecord[]): FindingsSummary {
  const resolvedAt = new Map<number, number>();
  const open = new Map<DiagnosticKind, number[]>();
  records.forEach((record, index) => {
    const raisedOfKind = open.get(record.kind) ?? [];
    if (record.state === 'raised') {
      open.set(record.kind, [...raisedOfKind, index]);
      return;
    }
    for (const raised of raisedOfKind) resolvedAt.set(raised, record.step);
    open.delete(record.kind);
  });
  const findings = records.map((record, index): Finding => ({ record, index, resolvedAt: resolvedAt.get(index) }))
    .sort((a, b) => b.record.step - a.record.step || b.index - a.index);
  return { findings, active: findings.filter((finding) => finding.record.state === 'raised' && finding.resolvedAt === undefined) };
}

/** The more serious severity among `findings`, for one icon that stands for them all. */
export function worstSeverity(findings: readonly Finding[]): DiagnosticRecord['severity'] {
  return findings.some((finding) => finding.record.severity === 'error') ? 'error' : 'warning';
}
