import {
  isDiagnosticRecord, isEvaluationRecord, type DiagnosticEvidence, type DiagnosticRecord, type EvaluationRecord,
} from '../core/run/evaluationRecords';
import { isMetricsRecord, type MetricsRecord } from '../core/run/records';

/** Any line of metrics.jsonl the dashboard shows. */
export type MetricsFileLine = MetricsRecord | EvaluationRecord | DiagnosticRecord;

export interface MetricsFileLines {
  readonly training: MetricsRecord[];
  readonly evaluations: EvaluationRecord[];
  readonly diagnostics: DiagnosticRecord[];
}

/**
 * The core guards check only what tells the kinds apart; the webview formats every figure and
 * string it is given, so a line with a field of the wrong type is skipped here, as a torn line is.
 */
export function isMetricsFileLine(value: unknown): value is MetricsFileLine {
  if (isEvaluationRecord(value)) return isWellFormedEvaluation(value);
  if (isDiagnosticRecord(value)) return isWellFormedDiagnostic(value);
  return isMetricsRecord(value);
}

export function splitMetricsFileLines(lines: readonly MetricsFileLine[]): MetricsFileLines {
  const split: MetricsFileLines = { training: [], evaluations: [], diagnostics: [] };
  for (const line of lines) {
    if (isEvaluationRecord(line)) split.evaluations.push(line);
    else if (isDiagnosticRecord(line)) split.diagnostics.push(line);
    else split.training.push(line);
  }
  return split;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isOptional = (value: unknown, check: (present: unknown) => boolean): boolean => value === undefined || check(value);
const fieldsAreNumbers = (value: unknown, names: readonly string[]): boolean =>
  typeof value === 'object' && value !== null && names.every((name) => isNumber((value as Record<string, unknown>)[name]));

function isWellFormedEvaluation(record: EvaluationRecord): boolean {
  return isNumber(record.step) && isNumber(record.samples) && isNumber(record.seconds)
    && isOptional(record.modes, (modes) => fieldsAreNumbers(modes, ['covered', 'total', 'highQualityShare', 'kl']))
    && isOptional(record.fid, (fid) => fieldsAreNumbers(fid, ['value', 'floor']))
    && isOptional(record.labelAccuracy, isNumber) && isOptional(record.codeAccuracy, isNumber);
}

function isWellFormedDiagnostic(record: DiagnosticRecord): boolean {
  return isNumber(record.step) && (record.state === 'raised' || record.state === 'cleared')
    && (record.severity === 'warning' || record.severity === 'error') && typeof record.summary === 'string'
    && fieldsAreNumbers(record.window, ['from', 'to']) && record.evidence.every(isWellFormedEvidence)
    && record.remedies.every((remedy) => typeof remedy === 'string');
}

function isWellFormedEvidence(evidence: DiagnosticEvidence): boolean {
  return typeof evidence === 'object' && evidence !== null && typeof evidence.name === 'string' && isNumber(evidence.value)
    && isOptional(evidence.threshold, (threshold) => fieldsAreNumbers(threshold, ['value'])
      && ['above', 'below'].includes((threshold as { when?: unknown }).when as string));
}
