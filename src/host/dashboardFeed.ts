import * as path from 'node:path';
import { JsonLinesFollower } from '../core/run/jsonLinesFollower';
import { runFiles } from '../core/run/layout';
import { isFieldRecord, type FieldRecord } from '../core/run/records';
import { listStepEntries, listViewEntries } from '../core/run/runReader';
import { MAX_SENT_FIELDS } from '../protocol/dashboardLimits';
import type { CompareCandidate, HostToDashboard, RunHeader, SampleFrame } from '../protocol/dashboardMessages';
import { toMetricSeries } from './dashboardContent';
import { defaultHistoryLimits, RunHistories, type HistoryLimits } from './runHistories';
import { StrideHistory } from './strideHistory';

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
  /** The plane's history, thinned evenly (the newest always kept), and what was read since the last message. */
  private readonly fields = new StrideHistory<FieldRecord>(MAX_SENT_FIELDS);
  private freshFields: FieldRecord[] = [];
  private sent = { samples: 0, header: '', views: '{}' };
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
    // A file too large to read whole gives its tail: the plane's recent history.
    this.fieldsFile = new JsonLinesFollower(path.join(runDir, runFiles.field), isFieldRecord, { maxBytes: this.limits.fileBytes });
  }

  /** Reads what the run's files gained since the last call. */
  async refresh(): Promise<void> {
    const rewritten = await this.histories.refresh();
    let fieldsRewritten = false;
    for await (const batch of this.fieldsFile.read()) {
      if (batch.reset) {
        this.fields.clear();
        this.freshFields = [];
      }
      fieldsRewritten ||= batch.reset;
      for (const record of batch.records) this.fields.add(record);
      this.freshFields.push(...batch.records);
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
      evaluations: this.histories.evaluationRows(), diagnostics: this.histories.diagnosticRows(), changes: this.histories.changeRows(),
      fields: this.fields.items(),
      ...(notice ? { notice } : {}),
    };
  }

  /** The next message: a snapshot when history changed, else what is new; undefined if nothing is. */
  update(context: FeedContext): HostToDashboard | undefined {
    if (this.needsSnapshot) return this.snapshot(context);
    const fieldChanged = this.freshFields.length > 0;
    const viewsChanged = this.viewsText !== this.sent.views;
    const nothingNew = this.histories.freshRows === 0 && this.samples.length === this.sent.samples && !fieldChanged && !viewsChanged
      && JSON.stringify(context.header) === this.sent.header;
    if (nothingNew) return undefined;
    this.appended += this.histories.freshRows;
    const fresh = this.histories.takeFresh();
    const message: HostToDashboard = {
      type: 'update', version: this.version + 1, header: context.header, metrics: toMetricSeries(fresh.metrics),
      histograms: fresh.histograms, samples: this.samples.slice(this.sent.samples), evaluations: fresh.evaluations, diagnostics: fresh.diagnostics, changes: fresh.changes,
      ...(fieldChanged ? { fields: this.freshFields.slice(-MAX_SENT_FIELDS) } : {}),
      ...(viewsChanged ? { views: this.views } : {}),
    };
    this.markSent(context.header);
    return message;
  }

  private markSent(header: RunHeader): void {
    this.version++;
    this.needsSnapshot = false;
    this.freshFields = [];
    this.sent = { samples: this.samples.length, header: JSON.stringify(header), views: this.viewsText };
  }
}
