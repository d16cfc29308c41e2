import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';
import { makeFolder } from '../util/folders';
import { appendJsonLine, writeFileAtomic, writeJsonAtomic } from './atomicFile';
import { filterJsonLines, isObjectWithStep } from './jsonLines';
import { makeRunId, runFiles, sampleFile, sampleFolder } from './layout';
import { listStepEntries, type StepFile } from './runReader';
import { RunLock } from './runLock';
import { isOutOfSpace, releaseSpace, reserveSpace } from './spaceReserve';
import type { ChangeRecord } from './changeRecords';
import type { DiagnosticRecord, EvaluationRecord } from './evaluationRecords';
import type { FieldRecord, HistogramRecord, MetricsRecord, RunInfo } from './records';
import type { StoredConfig } from './storedConfig';

export type { StoredConfig };

/**
 * Writes one run directory, holding its lock (no second trainer writes it) and a little reserved
 * space (its final status gets written even on a full disk) until end() or close(). run.json writes
 * are chained so they land in order even when callers do not await them; every file a reader opens
 * whole is written atomically.
 */
export class RunWriter {
  private infoWrite: Promise<void> = Promise.resolve();
  /** Set once the run is let go: from then on the reserve file may be another trainer's. */
  private released = false;

  private constructor(readonly dir: string, private info: RunInfo, private readonly lock: RunLock) {}

  get runId(): string {
    return this.info.runId;
  }

  get current(): RunInfo {
    return this.info;
  }

  /** Creates a new, uniquely named run directory under runsDir. */
  static async create(runsDir: string, stored: StoredConfig, info: Omit<RunInfo, 'runId'>): Promise<RunWriter> {
    await makeFolder(runsDir, 'runs folder');
    const base = makeRunId(stored.config.name, new Date(), info.note);
    for (let attempt = 1; ; attempt++) {
      const runId = attempt === 1 ? base : `${base}-${attempt}`;
      const dir = path.join(runsDir, runId);
      try {
        await fs.promises.mkdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        if (isOutOfSpace(error)) throw noSpaceForRun(runsDir);
        throw error;
      }
      const lock = await RunLock.acquire(dir);
      try {
        await reserveSpace(dir);
        await fs.promises.mkdir(path.join(dir, runFiles.samples));
        await writeJsonAtomic(path.join(dir, runFiles.config), stored);
        const writer = new RunWriter(dir, { ...info, runId }, lock);
        await writer.update({});
        return writer;
      } catch (error) {
        // Nothing was trained yet: a folder that is not a whole run would only confuse the runs list.
        lock.release();
        await fs.promises.rm(dir, { recursive: true, force: true });
        if (isOutOfSpace(error)) throw noSpaceForRun(runsDir);
        throw error;
      }
    }
  }

  /** Reopens an existing run, whose lock the caller holds, to continue it from `step`: history past that step is dropped. */
  static async reopen(dir: string, info: RunInfo, step: number, lock: RunLock): Promise<RunWriter> {
    await reserveSpace(dir);
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
    const writer = new RunWriter(dir, lastSample ? { ...rest, lastSample: { step: lastSample.step, path: sampleFile(lastSample.step) } } : rest, lock);
    if (lastSample) await writeFileAtomic(path.join(dir, runFiles.latestSample), await fs.promises.readFile(lastSample.path));
    return writer;
  }

  update(patch: Partial<Omit<RunInfo, 'runId' | 'format'>>): Promise<void> {
    this.info = { ...this.info, ...patch, updatedAt: new Date().toISOString() };
    const snapshot = this.info;
    // A failed write (a full disk) is its caller's to handle; the writes after it still happen.
    const write = this.infoWrite.catch(() => undefined).then(() => writeJsonAtomic(path.join(this.dir, runFiles.info), snapshot));
    this.infoWrite = write;
    return write;
  }

  /**
   * Writes the run's final status with the space set aside for it (so a full disk still records
   * why the run ended), then lets the run go.
   */
  async end(patch: Partial<Omit<RunInfo, 'runId' | 'format'>>): Promise<void> {
    if (!this.released) releaseSpace(this.dir);
    try {
      await this.update(patch);
    } finally {
      this.close();
    }
  }

  /** Lets the run go without a final status (the session is disposed early); end() may have done it already. */
  close(): void {
    if (this.released) return;
    this.released = true;
    releaseSpace(this.dir);
    this.lock.release();
  }

  /** A training line, or an evaluation, diagnostic or live-change line (they share metrics.jsonl, told apart by `type`). */
  appendMetrics(record: MetricsRecord | EvaluationRecord | DiagnosticRecord | ChangeRecord): Promise<void> {
    return appendJsonLine(path.join(this.dir, runFiles.metrics), record);
  }

  appendHistogram(record: HistogramRecord): Promise<void> {
    return appendJsonLine(path.join(this.dir, runFiles.histograms), record);
  }

  appendField(record: FieldRecord): Promise<void> {
    return appendJsonLine(path.join(this.dir, runFiles.field), record);
  }

  /**
   * Saves a sample grid as samples/step-N.png and samples/latest.png (a named view's picture under
   * samples/<view>/), keeping the newest `keepLast`.
   */
  async writeSample(step: number, png: Uint8Array, keepLast?: number, view?: string): Promise<string> {
    const relative = sampleFile(step, view);
    const folder = path.join(this.dir, sampleFolder(view));
    if (view !== undefined) await fs.promises.mkdir(folder, { recursive: true });
    await writeFileAtomic(path.join(this.dir, relative), png);
    await writeFileAtomic(path.join(folder, 'latest.png'), png);
    if (keepLast !== undefined) {
      const newest = (await listStepEntries(folder)).slice(-keepLast).map((entry) => entry.step);
      await removeStepFiles(folder, (step) => !newest.includes(step));
    }
    return relative;
  }
}

function noSpaceForRun(runsDir: string): UserError {
  return new UserError(`no space left on device for a new run in ${runsDir}: free some space and train again`, runsDir);
}

/** Removes the step files whose step matches; returns the ones kept, ascending by step. */
async function removeStepFiles(folder: string, remove: (step: number) => boolean): Promise<StepFile[]> {
  const files = await listStepEntries(folder);
  await Promise.all(files.filter((entry) => remove(entry.step)).map((entry) => fs.promises.rm(entry.path, { force: true })));
  return files.filter((entry) => !remove(entry.step));
}
