import type { BackendReport } from '../backend/report';
import type { DiagnosticRecord, EvaluationRecord } from '../run/evaluationRecords';
import type { FieldRecord, HistogramRecord, MetricsRecord, RunStatus } from '../run/records';

/** What a training session reports while it runs; the CLI, the worker and tests all listen to these. */
export type TrainingEvent =
  | { readonly type: 'started'; readonly runId: string; readonly runDir: string; readonly step: number;
      readonly totalSteps: number; readonly backend: BackendReport; readonly dataset: string; readonly resumed: boolean }
  | { readonly type: 'progress'; readonly step: number; readonly totalSteps: number; readonly stepsPerSecond: number;
      readonly etaSeconds: number; readonly dLoss: number; readonly gLoss: number }
  | { readonly type: 'metrics'; readonly record: MetricsRecord }
  | { readonly type: 'histogram'; readonly record: HistogramRecord }
  /** 2D data only, on the histogram schedule: D over the plane and G's gradient per generated point. */
  | { readonly type: 'field'; readonly record: FieldRecord }
  /** A scheduled evaluation of the generator (evaluation.every), also appended to metrics.jsonl. */
  | { readonly type: 'evaluation'; readonly record: EvaluationRecord }
  /** A failure mode raised or cleared (docs/diagnostics.md), also appended to metrics.jsonl. */
  | { readonly type: 'diagnostic'; readonly record: DiagnosticRecord }
  | { readonly type: 'sample'; readonly step: number; readonly path: string }
  | { readonly type: 'checkpoint'; readonly step: number; readonly path: string }
  | { readonly type: 'status'; readonly status: RunStatus; readonly step: number; readonly error?: string };
