import * as fs from 'node:fs';
import * as path from 'node:path';
import type { z } from 'zod';
import { errorMessage, UserError } from '../errors';
import { formatBytes } from '../util/bytes';
import { openRegularFile } from '../util/regularFile';
import { readJsonLines } from './jsonLines';
import { runFiles, stepOfName } from './layout';
import { MAX_VIEWS, VIEW_NAME } from './viewNames';
import {
  isFieldRecord, isHistogramRecord, isMetricsRecord, runInfoSchema,
  type FieldRecord, type HistogramRecord, type MetricsRecord, type RunInfo,
} from './records';
import { describeSchemaIssues } from '../schemaIssues';
import { storedConfigSchema, type StoredConfig } from './storedConfig';

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

/** A folder of a runs directory that holds a run.json GAN Studio will not use, and why. */
export interface UnreadableRun {
  readonly dir: string;
  readonly reason: string;
}

/** What a runs directory holds: its runs, newest first, and the run folders that cannot be read. */
export interface RunListing {
  readonly runs: { readonly dir: string; readonly info: RunInfo }[];
  readonly unreadable: UnreadableRun[];
}

export function readRunInfo(dir: string): Promise<RunInfo> {
  return readRunFile(path.join(dir, runFiles.info), runInfoSchema);
}

export function readStoredConfig(dir: string): Promise<StoredConfig> {
  return readRunFile(path.join(dir, runFiles.config), storedConfigSchema);
}

/** A run file checked against its schema; a UserError naming the file and the fields when it does not match. */
async function readRunFile<Schema extends z.ZodType>(file: string, schema: Schema): Promise<z.output<Schema>> {
  const parsed = schema.safeParse(await readJson(file));
  if (!parsed.success) throw new UserError(`${file}: ${describeSchemaIssues(parsed.error.issues)}`, file);
  return parsed.data;
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

/**
 * The runs under runsDir, newest first. A folder without a run.json is not a run (or not yet: its
 * run.json is written last); one whose run.json fails its schema, or that links outside runsDir,
 * is listed as unreadable with the reason, and nothing from it is used.
 */
export async function listRuns(runsDir: string): Promise<RunListing> {
  const listing: RunListing = { runs: [], unreadable: [] };
  const realRunsDir = await realpathOrUndefined(runsDir);
  await Promise.all((await readdirOrEmpty(runsDir)).map(async (name) => {
    const dir = path.join(runsDir, name);
    const real = await realpathOrUndefined(dir);
    if (!real || !realRunsDir || !(await isFolder(real)) || !(await exists(path.join(real, runFiles.info)))) return;
    if (!isInside(realRunsDir, real)) {
      listing.unreadable.push({ dir, reason: `${dir} links outside ${runsDir} (to ${real}); GAN Studio does not follow it` });
      return;
    }
    try {
      listing.runs.push({ dir, info: await readRunInfo(dir) });
    } catch (error) {
      listing.unreadable.push({ dir, reason: errorMessage(error) });
    }
  }));
  listing.runs.sort((a, b) => b.info.startedAt.localeCompare(a.info.startedAt));
  listing.unreadable.sort((a, b) => a.dir.localeCompare(b.dir));
  return listing;
}

/** Whether `file` is `folder` or lies under it (both already resolved). */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * `step-N` entries of a folder, ascending by step. Links are left out, and so is a folder that is
 * itself a link: a sample grid or checkpoint is a file the run wrote, never one elsewhere.
 */
export async function listStepEntries(folder: string): Promise<StepFile[]> {
  if (await isLink(folder)) return [];
  return (await readdirOrEmpty(folder, { withFileTypes: true })).flatMap((entry) => {
    const step = entry.isSymbolicLink() ? undefined : stepOfName(entry.name);
    return step === undefined ? [] : [{ step, path: path.join(folder, entry.name) }];
  }).sort((a, b) => a.step - b.step);
}

/** Each sample view's saved pictures (samples/<view>/step-N.png), by view name; at most MAX_VIEWS views. */
export async function listViewEntries(runDir: string): Promise<Record<string, StepFile[]>> {
  const folder = path.join(runDir, runFiles.samples);
  if (await isLink(folder)) return {};
  const names = (await readdirOrEmpty(folder, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && VIEW_NAME.test(entry.name)).map((entry) => entry.name).sort().slice(0, MAX_VIEWS);
  const views: Record<string, StepFile[]> = {};
  for (const name of names) views[name] = await listStepEntries(path.join(folder, name));
  return views;
}

/** A folder's entries; a folder that does not exist yet has none. */
function readdirOrEmpty(folder: string): Promise<string[]>;
function readdirOrEmpty(folder: string, options: { withFileTypes: true }): Promise<fs.Dirent[]>;
async function readdirOrEmpty(folder: string, options?: { withFileTypes: true }): Promise<string[] | fs.Dirent[]> {
  try {
    return options ? await fs.promises.readdir(folder, options) : await fs.promises.readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function realpathOrUndefined(file: string): Promise<string | undefined> {
  return fs.promises.realpath(file).catch(() => undefined);
}

async function isFolder(file: string): Promise<boolean> {
  return fs.promises.stat(file).then((stat) => stat.isDirectory(), () => false);
}

async function exists(file: string): Promise<boolean> {
  return fs.promises.access(file).then(() => true, () => false);
}

async function isLink(file: string): Promise<boolean> {
  return fs.promises.lstat(file).then((stat) => stat.isSymbolicLink(), () => false);
}

/** Why a run file cannot be found: its folder is missing, is a file, or lacks it. */
async function whyMissing(file: string): Promise<string> {
  const dir = path.dirname(file);
  const stats = await fs.promises.stat(dir).catch(() => undefined);
  if (!stats) return `${dir} does not exist`;
  if (!stats.isDirectory()) return `${dir} is a file, not a run folder (a folder holding ${path.basename(file)})`;
  return `${file} does not exist`;
}

/** run.json and config.json hold a few kilobytes: a workspace's far larger one is refused, not parsed. */
const MAX_RUN_JSON_BYTES = 4 * 1024 * 1024;

async function readJson(file: string): Promise<unknown> {
  // Only a regular file is read: a FIFO in a workspace would hold the read (and a pool thread) forever.
  const opened = await openRegularFile(file);
  if (!opened) {
    const stats = await fs.promises.stat(file).catch(() => undefined);
    throw new UserError(stats ? `${file} is not a regular file` : await whyMissing(file), file);
  }
  let text: string;
  try {
    if (opened.stats.size > MAX_RUN_JSON_BYTES) {
      throw new UserError(`${file} is ${formatBytes(opened.stats.size)}: a run file may be at most ${formatBytes(MAX_RUN_JSON_BYTES)}`, file);
    }
    text = await opened.handle.readFile('utf8');
  } finally {
    await opened.handle.close();
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError(`${file} is not valid JSON`, file);
  }
}
