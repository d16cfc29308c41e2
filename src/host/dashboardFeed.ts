import * as path from 'node:path';
import { JsonLinesFollower } from '../core/run/jsonLinesFollower';
import { runFiles } from '../core/run/layout';
import { isFieldRecord, type FieldRecord } from '../core/run/records';
import { listStepEntries, listViewEntries } from '../core/run/runReader';
import type { CompareCandidate, HostToDashboard, RunHeader, SampleFrame } from '../protocol/dashboardMessages';
import { toMetricSeries } from './dashboardContent';
import { defaultHistoryLimits, RunHistories, type HistoryLimits } from './runHistories';

/** What a message needs besides the run's files. */
export interface FeedContext {
  readonly header: RunHeader;
  readonly compare: readonly CompareCandidate[];
  readonly canSnapshotToNote: boolean;
}

/**
 * A run directory as a stream of dashboard messages: follows its files incrementally, then hands
 * out either a full snapshot or just what is new since the last message (numbered, so a webview
 * that missed one asks again). Anything that rewrote history (a resume, sample retention) makes
 * the next message a snapshot, and so do appended rows past half a snapshot's worth: the webview
 * then holds a decimated history again, never an ever-growing one.
 */
export class RunFeed {
  private readonly histories: RunHistories;
  private readonly fieldsFile: JsonLinesFollower<FieldRecord>;
  private samples: SampleFrame[] = [];
  /** Each sample view's pictures, and the same as text: what tells whether they changed since sent. */
  private views: Record<string, SampleFrame[]> = {};
  private viewsText = '{}';
  private field: FieldRecord | undefined;
  private sent = { samples: 0, field: undefined as FieldRecord | undefined, header: '', views: '{}' };
  /** Rows the webview appended since its last snapshot. */
  private appended = 0;
  private needsSnapshot = true;
  private version = 0;
  /** Bumped when history is rewritten: a resumed run rewrites step-N.png, so old URIs must not be cached. */
  private generation = 0;

  private readonly limits: HistoryLimits;

  constructor(private readonly runDir: string, private readonly sampleUri: (file: string) => string, limits: Partial<HistoryLimits> = {}) {
    this.limits = { ...defaultHistoryLimits, ...limits };
    this.histories = new RunHistories(runDir, this.limits);
    // Only the newest field is shown: the file's tail is enough.
    this.fieldsFile = new JsonLinesFollower(path.join(runDir, runFiles.field), isFieldRecord, { maxBytes: this.limits.fileBytes });
  }

  /** Reads what the run's files gained since the last call. */
  async refresh(): Promise<void> {
    const rewritten = await this.histories.refresh();
    let fieldsRewritten = false;
    for await (const batch of this.fieldsFile.read()) {
      if (batch.reset) this.field = undefined;
      fieldsRewritten ||= batch.reset;
      this.field = batch.records.at(-1) ?? this.field;
    }
    const sampleFiles = await listStepEntries(path.join(this.runDir, runFiles.samples));
    if (rewritten || fieldsRewritten) this.generation++;
    const query = this.generation ? `?g=${this.generation}` : '';
    const frames = sampleFiles.map((file) => ({ step: file.step, uri: `${this.sampleUri(file.path)}${query}` }));
    const views = await listViewEntries(this.runDir);
    this.views = Object.fromEntries(Object.entries(views).map(([name, files]) =>
      [name, files.map((file) => ({ step: file.step, uri: `${this.sampleUri(file.path)}${query}` }))]));
    this.viewsText = JSON.stringify(this.views);
    const known = new Set(frames.map((frame) => frame.step));
    if (rewritten || fieldsRewritten || this.samples.some((frame) => !known.has(frame.step))) this.needsSnapshot = true;
    // The webview appends what an update carries; past half a snapshot's worth it gets a decimated snapshot instead.
    if (this.appended + this.histories.freshRows > this.limits.metricRows / 2) this.needsSnapshot = true;
    this.samples = frames;
  }

  snapshot(context: FeedContext): HostToDashboard {
    this.histories.takeFresh();
    this.appended = 0;
    this.markSent(context.header);
    const notice = this.histories.notices().join(' ');
    return {
      type: 'snapshot', version: this.version, compare: context.compare, canSnapshotToNote: context.canSnapshotToNote,
      header: context.header, metrics: this.histories.series(), histograms: this.histories.histogramRows(), samples: this.samples, views: this.views,
      evaluations: this.histories.evaluationRows(), diagnostics: this.histories.diagnosticRows(),
      ...(this.field ? { field: this.field } : {}),
      ...(notice ? { notice } : {}),
    };
  }

  /** The next message: a snapshot when history changed, else what is new; undefined if nothing is. */
  update(context: FeedContext): HostToDashboard | undefined {
    if (this.needsSnapshot) return this.snapshot(context);
    const fieldChanged = this.field !== this.sent.field;
    const viewsChanged = this.viewsText !== this.sent.views;
    const nothingNew = this.histories.freshRows === 0 && this.samples.length === this.sent.samples && !fieldChanged && !viewsChanged
      && JSON.stringify(context.header) === this.sent.header;
    if (nothingNew) return undefined;
    this.appended += this.histories.freshRows;
    const fresh = this.histories.takeFresh();
    const message: HostToDashboard = {
      type: 'update', version: this.version + 1, header: context.header, metrics: toMetricSeries(fresh.metrics),
      histograms: fresh.histograms, samples: this.samples.slice(this.sent.samples), evaluations: fresh.evaluations, diagnostics: fresh.diagnostics,
      ...(fieldChanged && this.field ? { field: this.field } : {}),
      ...(viewsChanged ? { views: this.views } : {}),
    };
    this.markSent(context.header);
    return message;
  }

  private markSent(header: RunHeader): void {
    this.version++;
    this.needsSnapshot = false;
    this.sent = { samples: this.samples.length, field: this.field, header: JSON.stringify(header), views: this.viewsText };
  }
}
