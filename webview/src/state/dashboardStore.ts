import type { FieldRecord } from '../../../src/core/run/records';
import { MAX_SENT_FIELDS } from '../../../src/protocol/dashboardLimits';
import type { HostToDashboard } from '../../../src/protocol/dashboardMessages';
import { appendByStep } from './stepRows';
import { emptyState, noChanges } from './dashboardState';
import type { DashboardState, DashboardView, StateChanges } from './dashboardState';

type Snapshot = Extract<HostToDashboard, { type: 'snapshot' }>;
type Update = Extract<HostToDashboard, { type: 'update' }>;
type CompareData = Extract<HostToDashboard, { type: 'compareData' }>;

/**
 * Holds the dashboard state and coalesces redraws: any number of messages between two animation
 * frames cost one render, and each view learns only which parts changed.
 */
export class DashboardStore {
  readonly state: DashboardState = emptyState();
  private pending: StateChanges = noChanges();
  private frameRequested = false;
  private readonly views: DashboardView[] = [];

  addView(view: DashboardView): void {
    this.views.push(view);
  }

  applySnapshot(message: Snapshot): void {
    const { state } = this;
    state.unreadable = undefined;
    state.header = message.header;
    state.notice = message.notice;
    state.metrics.replace(message.metrics);
    replaceRows(state.histograms, message.histograms);
    replaceRows(state.samples, message.samples);
    state.views = message.views ?? {};
    replaceRows(state.fields, message.fields ?? []);
    replaceRows(state.evaluations, message.evaluations);
    replaceRows(state.diagnostics, message.diagnostics);
    replaceRows(state.changes, message.changes);
    state.compareCandidates = message.compare;
    state.canSnapshotToNote = message.canSnapshotToNote;
    this.markChanged({
      header: true, metrics: true, histograms: true, samples: true, views: true, fields: true, evaluations: true, diagnostics: true, changes: true,
      compareCandidates: true,
    });
  }

  applyUpdate(message: Update): void {
    const { state } = this;
    state.header = message.header;
    if (message.metrics.steps.length > 0) state.metrics.append(message.metrics);
    appendByStep(state.histograms, message.histograms);
    appendByStep(state.samples, message.samples);
    if (message.views !== undefined) state.views = message.views;
    appendByStep(state.fields, message.fields ?? []);
    thinFields(state.fields);
    // Appended as written, not by step: an on-demand evaluation may measure an earlier checkpoint,
    // and the host sends a snapshot, not an update, when metrics.jsonl is rewritten.
    state.evaluations.push(...message.evaluations);
    state.diagnostics.push(...message.diagnostics);
    state.changes.push(...message.changes);
    this.markChanged({
      header: true,
      metrics: message.metrics.steps.length > 0,
      histograms: message.histograms.length > 0,
      samples: message.samples.length > 0,
      views: message.views !== undefined,
      fields: (message.fields?.length ?? 0) > 0,
      evaluations: message.evaluations.length > 0,
      diagnostics: message.diagnostics.length > 0,
      changes: message.changes.length > 0,
    });
  }

  applyCompareData(message: CompareData): void {
    this.state.compareRuns = message.runs;
    this.markChanged({ compareRuns: true });
  }

  /** The run's files cannot be read: the header says why, and what was shown of it goes. */
  applyUnreadable(reason: string): void {
    this.state.unreadable = reason;
    this.state.header = undefined;
    this.markChanged({ header: true });
  }

  clearCompareRuns(): void {
    this.state.compareRuns = [];
    this.markChanged({ compareRuns: true });
  }

  themeChanged(): void {
    this.markChanged({ theme: true });
  }

  markChanged(parts: Partial<StateChanges>): void {
    for (const [part, changed] of Object.entries(parts) as [keyof StateChanges, boolean][]) {
      if (changed) this.pending[part] = true;
    }
    if (!this.frameRequested) {
      this.frameRequested = true;
      requestAnimationFrame(() => this.render());
    }
  }

  private render(): void {
    this.frameRequested = false;
    const changes = this.pending;
    this.pending = noChanges();
    const start = performance.now();
    for (const view of this.views) view.render(this.state, changes);
    // Visible in the webview's developer tools, and read by the performance test; only the last is kept.
    performance.clearMeasures('gan-studio:render');
    performance.measure('gan-studio:render', { start, end: performance.now() });
  }
}

/**
 * Keeps the plane's history bounded between snapshots (each record is about 20 kB): past twice
 * what a snapshot carries, every second one goes, the newest always stays.
 */
function thinFields(fields: FieldRecord[]): void {
  if (fields.length <= 2 * MAX_SENT_FIELDS) return;
  const newest = fields.at(-1)!;
  const kept = fields.filter((_, index) => index % 2 === 0);
  if (kept.at(-1) !== newest) kept.push(newest);
  replaceRows(fields, kept);
}

function replaceRows<Row>(rows: Row[], replacement: readonly Row[]): void {
  rows.length = 0;
  rows.push(...replacement);
}
