import * as path from 'node:path';
import { JsonLinesFollower } from '../core/run/jsonLinesFollower';
import { runFiles } from '../core/run/layout';
import {
  isFieldRecord, isHistogramRecord, isMetricsRecord, type FieldRecord, type HistogramRecord, type MetricsRecord,
} from '../core/run/records';
import { listStepEntries } from '../core/run/runReader';
import type { CompareCandidate, HostToDashboard, RunHeader, SampleFrame } from '../protocol/dashboardMessages';
import { toMetricSeries } from './dashboardContent';

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
 * the next message a snapshot.
 */
export class RunFeed {
  private readonly metricsFile: JsonLinesFollower<MetricsRecord>;
  private readonly histogramsFile: JsonLinesFollower<HistogramRecord>;
  private readonly fieldsFile: JsonLinesFollower<FieldRecord>;
  private metrics: MetricsRecord[] = [];
  private histograms: HistogramRecord[] = [];
  private samples: SampleFrame[] = [];
  private field: FieldRecord | undefined;
  private sent = { metrics: 0, histograms: 0, samples: 0, field: undefined as FieldRecord | undefined, header: '' };
  private needsSnapshot = true;
  private version = 0;
  /** Bumped when history is rewritten: a resumed run rewrites step-N.png, so old URIs must not be cached. */
  private generation = 0;

  constructor(private readonly runDir: string, private readonly sampleUri: (file: string) => string) {
    this.metricsFile = new JsonLinesFollower(path.join(runDir, runFiles.metrics), isMetricsRecord);
    this.histogramsFile = new JsonLinesFollower(path.join(runDir, runFiles.histograms), isHistogramRecord);
    this.fieldsFile = new JsonLinesFollower(path.join(runDir, runFiles.field), isFieldRecord);
  }

  /** Reads what the run's files gained since the last call. */
  async refresh(): Promise<void> {
    const [metrics, histograms, fields, sampleFiles] = await Promise.all([
      this.metricsFile.read(), this.histogramsFile.read(), this.fieldsFile.read(), listStepEntries(path.join(this.runDir, runFiles.samples)),
    ]);
    this.metrics = metrics.reset ? metrics.records : [...this.metrics, ...metrics.records];
    this.histograms = histograms.reset ? histograms.records : [...this.histograms, ...histograms.records];
    if (fields.reset) this.field = undefined;
    this.field = fields.records.at(-1) ?? this.field;
    if (metrics.reset || histograms.reset || fields.reset) this.generation++;
    const query = this.generation ? `?g=${this.generation}` : '';
    const frames = sampleFiles.map((file) => ({ step: file.step, uri: `${this.sampleUri(file.path)}${query}` }));
    const known = new Set(frames.map((frame) => frame.step));
    if (metrics.reset || histograms.reset || fields.reset || this.samples.some((frame) => !known.has(frame.step))) this.needsSnapshot = true;
    this.samples = frames;
  }

  snapshot(context: FeedContext): HostToDashboard {
    this.markSent(context.header);
    return {
      type: 'snapshot', version: this.version, compare: context.compare, canSnapshotToNote: context.canSnapshotToNote,
      header: context.header, metrics: toMetricSeries(this.metrics), histograms: this.histograms, samples: this.samples,
      ...(this.field ? { field: this.field } : {}),
    };
  }

  /** The next message: a snapshot when history changed, else what is new; undefined if nothing is. */
  update(context: FeedContext): HostToDashboard | undefined {
    if (this.needsSnapshot) return this.snapshot(context);
    const fieldChanged = this.field !== this.sent.field;
    const nothingNew = this.metrics.length === this.sent.metrics && this.histograms.length === this.sent.histograms
      && this.samples.length === this.sent.samples && !fieldChanged && JSON.stringify(context.header) === this.sent.header;
    if (nothingNew) return undefined;
    const message: HostToDashboard = {
      type: 'update', version: this.version + 1, header: context.header,
      metrics: toMetricSeries(this.metrics.slice(this.sent.metrics)),
      histograms: this.histograms.slice(this.sent.histograms),
      samples: this.samples.slice(this.sent.samples),
      ...(fieldChanged && this.field ? { field: this.field } : {}),
    };
    this.markSent(context.header);
    return message;
  }

  private markSent(header: RunHeader): void {
    this.version++;
    this.needsSnapshot = false;
    this.sent = {
      metrics: this.metrics.length, histograms: this.histograms.length, samples: this.samples.length,
      field: this.field, header: JSON.stringify(header),
    };
  }
}
