import * as path from 'node:path';
import type { ChangeRecord } from '../core/run/changeRecords';
import type { DiagnosticRecord, EvaluationRecord } from '../core/run/evaluationRecords';
import { JsonLinesFollower } from '../core/run/jsonLinesFollower';
import { sampleJsonLines } from '../core/run/jsonLinesSample';
import { runFiles } from '../core/run/layout';
import { isHistogramRecord, isMetricsRecord, type HistogramRecord, type MetricsRecord } from '../core/run/records';
import { formatBytes } from '../core/util/bytes';
import type { MetricSeries } from '../protocol/dashboardMessages';
import { isMetricsFileLine, splitMetricsFileLines, type MetricsFileLine } from './dashboardRecords';
import { MetricHistory } from './metricHistory';
import { StrideHistory } from './strideHistory';

/** How much of a run's files the host reads and keeps for a dashboard, whatever their size. */
export interface HistoryLimits {
  /** metrics.jsonl and histograms.jsonl are read from their last this many bytes; earlier metrics are sampled. */
  readonly fileBytes: number;
  /** Chart rows at most (the history is decimated to fit). */
  readonly metricRows: number;
  /** Histogram, evaluation, diagnostic and live-change lines kept at most, each (evenly spread, the newest included). */
  readonly listRows: number;
}

/** 64 MiB reads in well under a second, in chunks (npm run bench -- --only large-metrics); a chart is never 4,000 points wide. */
export const defaultHistoryLimits: HistoryLimits = { fileBytes: 64 * 1024 * 1024, metricRows: 4000, listRows: 2000 };

/** What was read since the last `takeFresh`. */
export interface FreshRows {
  readonly metrics: MetricsRecord[];
  readonly histograms: HistogramRecord[];
  readonly evaluations: EvaluationRecord[];
  readonly diagnostics: DiagnosticRecord[];
  readonly changes: ChangeRecord[];
}

const noRows = (): FreshRows => ({ metrics: [], histograms: [], evaluations: [], diagnostics: [], changes: [] });

/**
 * A run's metrics.jsonl and histograms.jsonl as bounded histories, read incrementally and in
 * chunks; also what each read added, for a live view to append. A file too large to read has its
 * start sampled (metrics) or left out (histograms), and `notices` says so.
 */
export class RunHistories {
  private readonly metricsFile: JsonLinesFollower<MetricsFileLine>;
  private readonly histogramsFile: JsonLinesFollower<HistogramRecord>;
  private readonly metrics: MetricHistory;
  private readonly histograms: StrideHistory<HistogramRecord>;
  private readonly evaluations: StrideHistory<EvaluationRecord>;
  private readonly diagnostics: StrideHistory<DiagnosticRecord>;
  private readonly changes: StrideHistory<ChangeRecord>;
  /** Steps sampled from the part of metrics.jsonl before the part read, if it was too large to read whole. */
  private sampledHead: { readonly lines: number; readonly lastStep: number } | undefined;
  /** Rows read since the last `takeFresh`; undefined once more than an update carries were, or history was rewritten. */
  private fresh: FreshRows | undefined = noRows();

  constructor(private readonly runDir: string, private readonly limits: HistoryLimits) {
    const options = { maxBytes: limits.fileBytes };
    this.metricsFile = new JsonLinesFollower(path.join(runDir, runFiles.metrics), isMetricsFileLine, options);
    this.histogramsFile = new JsonLinesFollower(path.join(runDir, runFiles.histograms), isHistogramRecord, options);
    this.metrics = new MetricHistory(limits.metricRows);
    this.histograms = new StrideHistory(limits.listRows);
    this.evaluations = new StrideHistory(limits.listRows);
    this.diagnostics = new StrideHistory(limits.listRows);
    this.changes = new StrideHistory(limits.listRows);
  }

  /** Reads what the files gained; true when either was rewritten (a resume), so what was shown is void. */
  async refresh(): Promise<boolean> {
    let rewritten = false;
    for await (const batch of this.metricsFile.read()) {
      if (batch.reset) this.clearMetrics();
      rewritten ||= batch.reset;
      if (!this.sampledHead && this.metricsFile.skippedBytes > 0) await this.sampleHead();
      const lines = splitMetricsFileLines(batch.records);
      lines.training.forEach((record) => this.metrics.add(record));
      lines.evaluations.forEach((record) => this.evaluations.add(record));
      lines.diagnostics.forEach((record) => this.diagnostics.add(record));
      lines.changes.forEach((record) => this.changes.add(record));
      this.keep(lines.training, (fresh) => fresh.metrics);
      this.keep(lines.evaluations, (fresh) => fresh.evaluations);
      this.keep(lines.diagnostics, (fresh) => fresh.diagnostics);
      this.keep(lines.changes, (fresh) => fresh.changes);
    }
    for await (const batch of this.histogramsFile.read()) {
      if (batch.reset) this.histograms.clear();
      rewritten ||= batch.reset;
      batch.records.forEach((record) => this.histograms.add(record));
      this.keep(batch.records, (fresh) => fresh.histograms);
    }
    if (rewritten) this.fresh = undefined;
    return rewritten;
  }

  /** The rows read since the last call (a live view's next update). */
  takeFresh(): FreshRows {
    const fresh = this.fresh ?? noRows();
    this.fresh = noRows();
    return fresh;
  }

  /** How many rows were read since the last `takeFresh`: infinite past what a live update carries (see `keep`). */
  get freshRows(): number {
    if (!this.fresh) return Infinity;
    const { metrics, histograms, evaluations, diagnostics, changes } = this.fresh;
    return metrics.length + histograms.length + evaluations.length + diagnostics.length + changes.length;
  }

  series(): MetricSeries {
    return this.metrics.series();
  }

  histogramRows(): HistogramRecord[] { return this.histograms.items(); }
  evaluationRows(): EvaluationRecord[] { return this.evaluations.items(); }
  diagnosticRows(): DiagnosticRecord[] { return this.diagnostics.items(); }
  changeRows(): ChangeRecord[] { return this.changes.items(); }

  /** What the histories leave out, in words; empty when they hold everything. */
  notices(): string[] {
    const notices: string[] = [];
    const limit = formatBytes(this.limits.fileBytes);
    if (this.sampledHead) {
      const { lines, lastStep } = this.sampledHead;
      notices.push(`${runFiles.metrics} is ${formatBytes(this.metricsFile.position)}, more than the ${limit} a dashboard reads: ` + (lines
        ? `the curves up to step ${lastStep.toLocaleString('en-US')} are ${lines.toLocaleString('en-US')} lines sampled evenly, the rest is read in full.`
        : `only its last ${limit} is shown.`));
    }
    if (this.histogramsFile.skippedBytes > 0) {
      notices.push(`${runFiles.histograms} is more than the ${limit} a dashboard reads: histograms from its first ` +
        `${formatBytes(this.histogramsFile.skippedBytes)} are left out.`);
    }
    for (const [what, history] of [['histogram', this.histograms], ['evaluation', this.evaluations], ['diagnostic', this.diagnostics], ['live-change', this.changes]] as const) {
      if (history.thinned) notices.push(`${history.items().length.toLocaleString('en-US')} of ${history.total.toLocaleString('en-US')} ${what} lines are shown, evenly spread.`);
    }
    return notices;
  }

  /** Collects rows for the next update, unless that would be more than half a snapshot: then its successor is a snapshot and nothing is kept. */
  private keep<T>(rows: readonly T[], into: (fresh: FreshRows) => T[]): void {
    if (!this.fresh || rows.length === 0) return;
    into(this.fresh).push(...rows);
    if (this.freshRows > this.limits.metricRows / 2) this.fresh = undefined;
  }

  private async sampleHead(): Promise<void> {
    const file = path.join(this.runDir, runFiles.metrics);
    const head = await sampleJsonLines(file, isMetricsRecord, { count: Math.ceil(this.limits.metricRows / 4), end: this.metricsFile.skippedBytes });
    head.forEach((record) => this.metrics.add(record));
    this.sampledHead = { lines: head.length, lastStep: head.at(-1)?.step ?? 0 };
  }

  private clearMetrics(): void {
    this.metrics.clear();
    this.evaluations.clear();
    this.diagnostics.clear();
    this.changes.clear();
    this.sampledHead = undefined;
  }
}

/** A run's metric curves for the compare overlay: metrics.jsonl read as a dashboard reads it (from its tail when huge), decimated. */
export async function readMetricSeries(file: string, limits: HistoryLimits = defaultHistoryLimits): Promise<MetricSeries> {
  const history = new MetricHistory(limits.metricRows);
  for await (const batch of new JsonLinesFollower(file, isMetricsRecord, { maxBytes: limits.fileBytes }).read()) {
    batch.records.forEach((record) => history.add(record));
  }
  return history.series();
}
