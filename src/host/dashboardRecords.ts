import {
  isDiagnosticRecord, isEvaluationRecord, type DiagnosticRecord, type EvaluationRecord,
} from '../core/run/evaluationRecords';
import { isChangeRecord, type ChangeRecord } from '../core/run/changeRecords';
import { isMetricsRecord, type MetricsRecord } from '../core/run/records';

/** Any line of metrics.jsonl the dashboard shows. */
export type MetricsFileLine = MetricsRecord | EvaluationRecord | DiagnosticRecord | ChangeRecord;

export interface MetricsFileLines {
  readonly training: MetricsRecord[];
  readonly evaluations: EvaluationRecord[];
  readonly diagnostics: DiagnosticRecord[];
  readonly changes: ChangeRecord[];
}

/** Evaluation, diagnostic and change lines are checked field by field (the webview formats each one); training lines by their guard. */
export function isMetricsFileLine(value: unknown): value is MetricsFileLine {
  // Nearly every line is a training line (no `type`): it meets one cheap guard, not two failing schemas.
  if ((value as { type?: unknown } | null)?.type === undefined) return isMetricsRecord(value);
  return isEvaluationRecord(value) || isDiagnosticRecord(value) || isChangeRecord(value);
}

export function splitMetricsFileLines(lines: readonly MetricsFileLine[]): MetricsFileLines {
  const split: MetricsFileLines = { training: [], evaluations: [], diagnostics: [], changes: [] };
  // Already checked: the `type` tells them apart (training lines have none).
  for (const line of lines) {
    if (isTrainingLine(line)) split.training.push(line);
    else if (line.type === 'evaluation') split.evaluations.push(line);
    else if (line.type === 'change') split.changes.push(line);
    else split.diagnostics.push(line);
  }
  return split;
}

// Training lines carry named values (an index signature), so `in` alone cannot tell them apart.
function isTrainingLine(line: MetricsFileLine): line is MetricsRecord {
  return !('type' in line);
}
