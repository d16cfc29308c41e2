import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GanConfig } from '../config/schema';
import { appendJsonLine, writeFileAtomic, writeJsonAtomic } from './atomicFile';
import { filterJsonLines, isObjectWithStep } from './jsonLines';
import { makeRunId, runFiles, sampleFile } from './layout';
import { listStepEntries, type StepFile } from './runReader';
import type { DiagnosticRecord, EvaluationRecord } from './evaluationRecords';
import type { FieldRecord, HistogramRecord, MetricsRecord, RunInfo } from './records';

/** config.json: the resolved config (every default filled in) and its hash. */
export interface StoredConfig {
  readonly hash: string;
  readonly configFile?: string;
  readonly config: GanConfig;
}

/**
 * Writes one run directory. run.json writes are chained so they land in order even when callers
 * do not await them; every file a reader opens whole is written atomically.
 */
export class RunWriter {
  private infoWrite: Promise<void> = Promise.resolve();

  private constructor(readonly dir: string, private info: RunInfo) {}

  get runId(): string {
    return this.info.runId;
  }

  get current(): RunInfo {
    return this.info;
  }

  /** Creates a new, uniquely named run directory under runsDir. */
  static async create(runsDir: string, stored: StoredConfig, info: Omit<RunInfo, 'runId'>): Promise<RunWriter> {
    await fs.promises.mkdir(runsDir, { recursive: true });
    const base = makeRunId(stored.config.name, new Date(), info.note);
    for (let attempt = 1; ; attempt++) {
      const runId = attempt === 1 ? base : `${base}-${attempt}`;
      const dir = path.join(runsDir, runId);
      try {
        await fs.promises.mkdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw error;
      }
      await fs.promises.mkdir(path.join(dir, runFiles.samples));
      await writeJsonAtomic(path.join(dir, runFiles.config), stored);
      const writer = new RunWriter(dir, { ...info, runId });
      await writer.update({});
      return writer;
    }
  }

  /** Reopens an existing run to continue it from `step`: history past that step is dropped. */
  static async reopen(dir: string, info: RunInfo, step: number): Promise<RunWriter> {
    const keep = (record: { step: number }) => record.step <= step;
    await filterJsonLines(path.join(dir, runFiles.metrics), isObjectWithStep, keep);
    await filterJsonLines(path.join(dir, runFiles.histograms), isObjectWithStep, keep);
    await filterJsonLines(path.join(dir, runFiles.field), isObjectWithStep, keep);
    const samples = path.join(dir, runFiles.samples);
    await fs.promises.mkdir(samples, { recursive: true });
    const kept = await removeStepFiles(samples, (sampleStep) => sampleStep > step);
    const lastSample = kept.at(-1);
    // The previous ending (its time and why) no longer describes a run that trains again.
    const { lastSample: _discarded, error: _previousError, endedAt: _previousEnd, ...rest } = info;
    const writer = new RunWriter(dir, lastSample ? { ...rest, lastSample: { step: lastSample.step, path: sampleFile(lastSample.step) } } : rest);
    if (lastSample) await writeFileAtomic(path.join(dir, runFiles.latestSample), await fs.promises.readFile(lastSample.path));
    return writer;
  }

  update(patch: Partial<Omit<RunInfo, 'runId' | 'format'>>): Promise<void> {
    this.info = { ...this.info, ...patch, updatedAt: new Date().toISOString() };
    const snapshot = this.info;
    this.infoWrite = this.infoWrite.then(() => writeJsonAtomic(path.join(this.dir, runFiles.info), snapshot));
    return this.infoWrite;
  }

  /** A training line, or an evaluation or diagnostic line (they share metrics.jsonl, told apart by `type`). */
  appendMetrics(record: MetricsRecord | EvaluationRecord | DiagnosticRecord): Promise<void> {
    return appendJsonLine(path.join(this.dir, runFiles.metrics), record);
  }

  appendHistogram(record: HistogramRecord): Promise<void> {
    return appendJsonLine(path.join(this.dir, runFiles.histograms), record);
  }

  appendField(record: FieldRecord): Promise<void> {
    return appendJsonLine(path.join(this.dir, runFiles.field), record);
  }

  /** Saves a sample grid as samples/step-N.png and samples/latest.png, keeping the newest `keepLast`. */
  async writeSample(step: number, png: Uint8Array, keepLast?: number): Promise<string> {
    const relative = sampleFile(step);
    await writeFileAtomic(path.join(this.dir, relative), png);
    await writeFileAtomic(path.join(this.dir, runFiles.latestSample), png);
    if (keepLast !== undefined) await this.pruneSamples(keepLast);
    return relative;
  }

  private async pruneSamples(keepLast: number): Promise<void> {
    const folder = path.join(this.dir, runFiles.samples);
    const newest = (await listStepEntries(folder)).slice(-keepLast).map((entry) => entry.step);
    await removeStepFiles(folder, (step) => !newest.includes(step));
  }
}

/** Removes the step files whose step matches; returns the ones kept, ascending by step. */
async function removeStepFiles(folder: string, remove: (step: number) => boolean): Promise<StepFile[]> {
  const files = await listStepEntries(folder);
  await Promise.all(files.filter((entry) => remove(entry.step)).map((entry) => fs.promises.rm(entry.path, { force: true })));
  return files.filter((entry) => !remove(entry.step));
}
