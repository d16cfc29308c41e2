import type { DiagnosticRecord, EvaluationRecord } from '../core/run/evaluationRecords';
import type { FieldRecord, HistogramRecord, RunStatus } from '../core/run/records';

// The one protocol between the extension host and a run's dashboard webview: plain data only,
// discriminated by `type`. Types only: the webview bundle (DOM, no Node) compiles this file too.

/** The numeric metrics.jsonl fields the dashboard charts, in the order of a MetricSeries. */
export const metricColumns = [
  'dLoss', 'gLoss', 'dLossReal', 'dLossFake', 'gradientPenalty', 'r1Penalty',
  'dReal', 'dFake', 'gradNormD', 'gradNormG', 'instanceNoiseSigma', 'stepsPerSecond',
] as const;
export type MetricColumn = (typeof metricColumns)[number];

/**
 * Logged steps as columns (what uPlot draws): `steps[i]` goes with `values[column][i]`. A column a
 * run does not log (no gradient penalty, say) is absent; a missing value inside one is null.
 */
export interface MetricSeries {
  readonly steps: readonly number[];
  readonly values: Partial<Record<MetricColumn, readonly (number | null)[]>>;
}

/** What the header shows and which controls apply. */
export interface RunHeader {
  readonly runDir: string;
  readonly runId: string;
  readonly name: string;
  readonly status: RunStatus;
  readonly step: number;
  readonly totalSteps: number;
  readonly stepsPerSecond?: number;
  readonly etaSeconds?: number;
  readonly backend?: string;
  readonly error?: string;
  /** Trained by this window now: Pause/Resume/Stop apply. */
  readonly live: boolean;
  /** 'points' for 2D data (the plane view applies), 'images' for image data. */
  readonly dataKind: 'points' | 'images';
  /** The adversarial objective, e.g. non-saturating, wasserstein: what D's outputs mean. */
  readonly objective: string;
  /** D outputs are probabilities (minimax, non-saturating) rather than raw scores. */
  readonly outputsAreProbabilities: boolean;
}

/** A saved sample grid: its step and a webview URI for its PNG (immutable, so cacheable). */
export interface SampleFrame {
  readonly step: number;
  readonly uri: string;
}

/** Another run of the same config, offered for the loss overlay. */
export interface CompareCandidate {
  readonly runDir: string;
  readonly runId: string;
  readonly status: RunStatus;
  readonly step: number;
}

export interface DashboardContent {
  readonly header: RunHeader;
  readonly metrics: MetricSeries;
  readonly histograms: readonly HistogramRecord[];
  readonly samples: readonly SampleFrame[];
  /** The latest FieldRecord (2D data only). */
  readonly field?: FieldRecord;
  /** metrics.jsonl's evaluation lines, in file order (an on-demand evaluation may measure an earlier step). */
  readonly evaluations: readonly EvaluationRecord[];
  /** metrics.jsonl's diagnostic lines (failure modes raised and cleared), in file order. */
  readonly diagnostics: readonly DiagnosticRecord[];
}

export type HostToDashboard =
  /** Everything, after `ready`, on becoming visible, or when the webview asks to resync. */
  | ({ readonly type: 'snapshot'; readonly version: number; readonly compare: readonly CompareCandidate[];
      readonly canSnapshotToNote: boolean } & DashboardContent)
  /**
   * What is new since the message numbered `version - 1`: rows to append (metrics, histograms,
   * samples, evaluations, diagnostics), and the header and field to replace. A webview that
   * missed a version resyncs.
   */
  | ({ readonly type: 'update'; readonly version: number } & DashboardContent)
  /** Loss curves of other runs for the overlay, answering `compare`. */
  | { readonly type: 'compareData'; readonly runs: readonly { readonly runId: string; readonly metrics: MetricSeries }[] };

export type DashboardToHost =
  | { readonly type: 'ready' }
  /** The webview saw a gap in versions: send a snapshot. */
  | { readonly type: 'resync' }
  | { readonly type: 'control'; readonly action: 'pause' | 'resume' | 'stop' }
  | { readonly type: 'openRunFolder' }
  /** Insert the grid of `step` (and the charts as they stand) into the markdown note. */
  | { readonly type: 'snapshotToNote'; readonly step: number }
  /** Overlay the loss curves of these runs (empty: none). */
  | { readonly type: 'compare'; readonly runDirs: readonly string[] };
