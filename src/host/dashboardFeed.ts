import * as path from 'node:path';
import { JsonLinesFollower } from '../core/run/jsonLinesFollower';
import { runFiles } from '../core/run/layout';
import type { DiagnosticRecord, EvaluationRecord } from '../core/run/evaluationRecords';
import {
  isFieldRecord, isHistogramRecord, type FieldRecord, type HistogramRecord, type MetricsRecord,
} from '../core/run/records';
import { listStepEntries } from '../core/run/runReader';
import type { CompareCandidate, HostToDashboard, RunHeader, SampleFrame } from '../protocol/dashboardMessages';
import { toMetricSeries } from './dashboardContent';
import { isMetricsFileLine, splitMetricsFileLines, type MetricsFileLine } from './dashboardRecords';

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
  /** Training, evaluation and diagnostic lines: the three kinds metrics.jsonl holds. */
  private readonly metricsFile: JsonLinesFollower<MetricsFileLine>;
  private readonly histogramsFile: JsonLinesFollower<HistogramRecord>;
  private readonly fieldsFile: JsonLinesFollower<FieldRecord>;
  private metrics: MetricsRecord[] = [];
  private evaluations: EvaluationRecord[] = [];
  private diagnostics: DiagnosticRecord[] = [];
  private histograms: HistogramRecord[] = [];
  private samples: SampleFrame[] = [];
  private field: FieldRecord | undefined;
  private sent = {
    metrics: 0, evaluations: 0, diagnostics: 0, histograms: 0, samples: 0, field: undefined as FieldRecord | undefined, header: '',
  };
  private needsSnapshot = true;
  private version = 0;
  /** Bumped when history is rewritten: a resumed run rewrites step-N.png, so old URIs must not be cached. */
  private generation = 0;

  constructor(private readonly runDir: string, private readonly sampleUri: (file: string) => string) {
    this.metricsFile = new JsonLinesFollower(path.join(runDir, runFiles.metrics), isMetricsFileLine);
    this.histogramsFile = new JsonLinesFollower(path.join(runDir, runFiles.histograms), isHistogramRecord);
    this.fieldsFile = new JsonLinesFollower(path.join(runDir, runFiles.field), isFieldRecord);
  }

  /** Reads what the run's files gained since the last call. */
  async refresh(): Promise<void> {
    const [metrics, histograms, fields, sampleFiles] = await Promise.all([
      this.metricsFile.read(), this.histogramsFile.read(), this.fieldsFile.read(), listStepEntries(path.join(this.runDir, runFiles.samples)),
    ]);
    const lines = splitMetricsFileLines(metrics.records);
    this.metrics = metrics.reset ? lines.training : [...this.metrics, ...lines.training];
    this.evaluations = metrics.reset ? lines.evaluations : [...this.evaluations, ...lines.evaluations];
    this.diagnostics = metrics.reset ? lines.diagnostics : [...this.diagnostics, ...lines.diagnostics];
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
      evaluations: this.evaluations, diagnostics: this.diagnostics,
      ...(this.field ? { field: this.field } : {}),
    };
  }

  /** The next message: a snapshot when history changed, else what is new; undefined if nothing is. */
  update(context: FeedContext): HostToDashboard | undefined {
    if (this.needsSnapshot) return this.snapshot(context);
    const fieldChanged = this.field !== this.sent.field;
    const nothingNew = this.metrics.length === this.sent.metrics && this.histograms.length === this.sent.histograms
      && this.evaluations.length === this.sent.evaluations && this.diagnostics.length === this.sent.diagnostics
      && this.samples.length === this.sent.samples && !fieldChanged && JSON.stringify(context.header) === this.sent.header;
    if (nothingNew) return undefined;
    const message: HostToDashboard = {
      type: 'update', version: this.version + 1, header: context.header,
      metrics: toMetricSeries(this.metrics.slice(this.sent.metrics)),
      histograms: this.histograms.slice(this.sent.histograms),
      samples: this.samples.slice(this.sent.samples),
      evaluations: this.evaluations.slice(this.sent.evaluations),
      diagnostics: this.diagnostics.slice(this.sent.diagnostics),
      ...(fieldChanged && this.field ? { field: this.field } : {}),
    };
    this.markSent(context.header);
    return message;
  }

  private markSent(header: RunHeader): void {
    this.version++;
    this.needsSnapshot = false;
    this.sent = {
      metrics: this.metrics.length, evaluations: this.evaluations.length, diagnostics: this.diagnostics.length,
      histograms: this.histograms.length, samples: this.samples.length, field: this.field, header: JSON.stringify(header),
    };
  }
}
