import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';
import { readJsonLines } from './jsonLines';
import { runFiles, stepOfName } from './layout';
import {
  isFieldRecord, isHistogramRecord, isMetricsRecord, isRunInfo,
  type FieldRecord, type HistogramRecord, type MetricsRecord, type RunInfo,
} from './records';
import type { StoredConfig } from './runWriter';

export interface StepFile {
  readonly step: number;
  /** Absolute path. */
  readonly path: string;
}

/** Everything a viewer needs about a run, read from disk alone. */
export interface RunSnapshot {
  readonly dir: string;
  readonly info: RunInfo;
  readonly stored: StoredConfig;
  readonly metrics: readonly MetricsRecord[];
  readonly histograms: readonly HistogramRecord[];
  /** 2D data only (empty otherwise): the field.jsonl records. */
  readonly fields: readonly FieldRecord[];
  readonly samples: readonly StepFile[];
}

export async function readRunInfo(dir: string): Promise<RunInfo> {
  const value = await readJson(path.join(dir, runFiles.info));
  if (!isRunInfo(value)) throw new UserError(`${path.join(dir, runFiles.info)} is not a GAN Studio run.json`, dir);
  return value;
}

export async function readStoredConfig(dir: string): Promise<StoredConfig> {
  const value = await readJson(path.join(dir, runFiles.config));
  const stored = value as Partial<StoredConfig> | null;
  if (typeof stored !== 'object' || stored === null || typeof stored.hash !== 'string' || typeof stored.config !== 'object') {
    throw new UserError(`${path.join(dir, runFiles.config)} is not a GAN Studio resolved config`, dir);
  }
  return stored as StoredConfig;
}

export async function readRun(dir: string): Promise<RunSnapshot> {
  const [info, stored, metrics, histograms, fields, samples] = await Promise.all([
    readRunInfo(dir),
    readStoredConfig(dir),
    readJsonLines(path.join(dir, runFiles.metrics), isMetricsRecord),
    readJsonLines(path.join(dir, runFiles.histograms), isHistogramRecord),
    readJsonLines(path.join(dir, runFiles.field), isFieldRecord),
    listStepEntries(path.join(dir, runFiles.samples)),
  ]);
  return { dir, info, stored, metrics, histograms, fields, samples };
}

/** Runs under runsDir, newest first; folders that are not runs (or are half-written) are skipped. */
export async function listRuns(runsDir: string): Promise<{ dir: string; info: RunInfo }[]> {
  const runs = await Promise.all((await readdirOrEmpty(runsDir)).map(async (name) => {
    const dir = path.join(runsDir, name);
    try {
      return { dir, info: await readRunInfo(dir) };
    } catch {
      return undefined;
    }
  }));
  return runs.filter((run): run is { dir: string; info: RunInfo } => run !== undefined)
    .sort((a, b) => b.info.startedAt.localeCompare(a.info.startedAt));
}

/** `step-N` entries of a folder, ascending by step. */
export async function listStepEntries(folder: string): Promise<StepFile[]> {
  return (await readdirOrEmpty(folder)).flatMap((name) => {
    const step = stepOfName(name);
    return step === undefined ? [] : [{ step, path: path.join(folder, name) }];
  }).sort((a, b) => a.step - b.step);
}

/** A folder's entries; a folder that does not exist yet has none. */
async function readdirOrEmpty(folder: string): Promise<string[]> {
  try {
    return await fs.promises.readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`${file} does not exist`, file);
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError(`${file} is not valid JSON`, file);
  }
}
