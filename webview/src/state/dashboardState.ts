import type { CompareCandidate, MetricSeries, RunHeader, SampleFrame } from '../../../src/protocol/dashboardMessages';
import type { ChangeRecord } from '../../../src/core/run/changeRecords';
import type { DiagnosticRecord, EvaluationRecord } from '../../../src/core/run/evaluationRecords';
import type { FieldRecord, HistogramRecord } from '../../../src/core/run/records';
import { MetricTable } from './metricTable';

export interface CompareRun {
  readonly runId: string;
  readonly metrics: MetricSeries;
}

/** Everything the dashboard shows, as the messages so far have built it. */
export interface DashboardState {
  header: RunHeader | undefined;
  /** Why the run's files cannot be read (the host sends this instead of a snapshot). */
  unreadable: string | undefined;
  /** What the host left out of files too large to send whole (the last snapshot's). */
  notice: string | undefined;
  readonly metrics: MetricTable;
  readonly histograms: HistogramRecord[];
  readonly samples: SampleFrame[];
  /** Each family sample view's pictures, by view name (the header lists the views). */
  views: Readonly<Record<string, readonly SampleFrame[]>>;
  /** The plane view's records by step (2D data): a thinned history, then every new one. */
  readonly fields: FieldRecord[];
  /** In the order the run wrote them, not necessarily by step. */
  readonly evaluations: EvaluationRecord[];
  readonly diagnostics: DiagnosticRecord[];
  /** Live changes made by hand (rates, updates, weights), in the order the run wrote them. */
  readonly changes: ChangeRecord[];
  compareCandidates: readonly CompareCandidate[];
  compareRuns: readonly CompareRun[];
  canSnapshotToNote: boolean;
}

/** What changed since the last frame was drawn; views skip work for parts that did not. */
export interface StateChanges {
  header: boolean;
  metrics: boolean;
  histograms: boolean;
  samples: boolean;
  views: boolean;
  fields: boolean;
  evaluations: boolean;
  diagnostics: boolean;
  changes: boolean;
  compareCandidates: boolean;
  compareRuns: boolean;
  theme: boolean;
}

export function emptyState(): DashboardState {
  return {
    header: undefined, unreadable: undefined, notice: undefined, metrics: new MetricTable(), histograms: [], samples: [], views: {}, fields: [], evaluations: [], diagnostics: [], changes: [],
    compareCandidates: [], compareRuns: [], canSnapshotToNote: false,
  };
}

export function noChanges(): StateChanges {
  return {
    header: false, metrics: false, histograms: false, samples: false, views: false, fields: false, evaluations: false, diagnostics: false, changes: false,
    compareCandidates: false, compareRuns: false, theme: false,
  };
}

/** A part of the dashboard: it draws what changed, at most once per animation frame. */
export interface DashboardView {
  render(state: DashboardState, changes: StateChanges): void;
}
