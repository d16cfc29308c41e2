import * as os from 'node:os';
import * as path from 'node:path';
import { initBackend, type BackendReport } from '../backend/init';
import { wasmThreadsForModel } from '../backend/wasm/threads';
import type { BackendName } from '../config/trainingSchema';
import type { DataConfig } from '../config/dataSchema';
import type { GanConfig } from '../config/schema';
import { resolveSteps } from '../config/schedule';
import type { Dataset } from '../data/dataset';
import { resolveDataPath } from '../data/dataFiles';
import { loadDataset } from '../data/load';
import { EpochSampler } from '../data/sampler';
import { UserError } from '../errors';
import type { FamilyModel } from '../families/family';
import { familyOf } from '../families';
import { familyComputeProfile } from '../families/rules';
import { RUN_FORMAT, type NoteOrigin, type RunInfo } from '../run/records';
import { isTrainerAlive } from '../run/liveness';
import { isChangeRecord, type ChangeRecord } from '../run/changeRecords';
import { readJsonLines } from '../run/jsonLines';
import { checkpointDir, runFiles } from '../run/layout';
import { RunLock } from '../run/runLock';
import { readRunInfo, readStoredConfig } from '../run/runReader';
import { RunWriter, type StoredConfig } from '../run/runWriter';
import { networkTraits } from '../networks/shapes';
import { Random, type RandomState } from '../util/random';
import { latestCheckpoint, loadCheckpoint } from './checkpoint';
import { conditionedDataset } from './classLabels';
import { assertDataFits } from './dataFitCheck';

export interface TrainOptions {
  /** Where new runs are created. */
  readonly runsDir: string;
  /** Start a new run from this config (data paths are resolved against `file`'s folder)… */
  readonly config?: { readonly config: GanConfig; readonly hash: string; readonly file?: string };
  /** …or continue the run in this directory from its latest checkpoint. */
  readonly resumeDir?: string;
  /** Total generator steps (overrides the config; extends a resumed run). */
  readonly steps?: number;
  readonly backend?: BackendName;
  readonly nativeSearchDirs?: readonly string[];
  /** Threads for the wasm backend (see BackendOptions.wasmThreads). */
  readonly wasmThreads?: number;
  /** The markdown note and gan block a new run's config came from (recorded in run.json and its id). */
  readonly note?: NoteOrigin;
  /** Overrides the config's samples/checkpoints keepLast (the extension's retention settings). */
  readonly retention?: { readonly samples?: number; readonly checkpoints?: number };
}

/** How many sample grids (undefined: all) and checkpoints a run keeps. */
export interface Retention {
  readonly samples: number | undefined;
  readonly checkpoints: number;
}

/** Everything the loop needs, built by prepareRun for a new or resumed run. */
export interface PreparedRun {
  readonly config: GanConfig;
  readonly writer: RunWriter;
  readonly dataset: Dataset;
  /** The family's networks and optimizers, and what the session asks of them. */
  readonly family: FamilyModel;
  readonly random: Random;
  readonly sampler: EpochSampler;
  readonly startStep: number;
  readonly elapsedSeconds: number;
  readonly totalSteps: number;
  readonly backend: BackendReport;
  readonly resumed: boolean;
  readonly retention: Retention;
  /** The live changes a resumed run recorded before it stopped, the ones past its checkpoint included (they are replayed). */
  readonly recordedChanges: readonly ChangeRecord[];
}

export async function prepareRun(options: TrainOptions): Promise<PreparedRun> {
  const resume = options.resumeDir !== undefined ? await readResumeTarget(options.resumeDir) : undefined;
  try {
    return await prepareWith(options, resume);
  } catch (error) {
    // The run's writer owns the lock once it exists; until then it is ours to let go.
    resume?.lock.release();
    throw error;
  }
}

async function prepareWith(options: TrainOptions, resume: ResumeTarget | undefined): Promise<PreparedRun> {
  const source = resume?.stored ?? options.config;
  if (!source) throw new UserError('nothing to train: give a config or a run directory to resume');
  const config = resolveDataPaths(source.config, source.file);
  const backend = await initBackend(options.backend ?? config.backend, {
    nativeSearchDirs: options.nativeSearchDirs ?? [],
    wasmThreads: options.wasmThreads ?? wasmThreadsForModel(familyComputeProfile(config) ?? networkTraits(config.model).computeProfile),
  });
  const loaded = await loadDataset(config.data, { baseDir: process.cwd(), seed: config.seed });
  const dataset = conditionedDataset(config, loaded, source.file);
  await assertDataFits(config, dataset, backend.backend, source);
  const totalSteps = options.steps ?? resume?.info.totalSteps ?? resolveSteps(config, dataset.count);
  const family = familyOf(config).build(config, dataset);
  const retention: Retention = {
    samples: options.retention?.samples ?? config.samples.keepLast,
    checkpoints: options.retention?.checkpoints ?? config.checkpoints.keepLast,
  };
  const common = { config, dataset, family, totalSteps, backend, retention };

  if (resume) {
    try {
      return { ...common, ...await resumeState(resume, common) };
    } catch (error) {
      family.dispose();
      throw error;
    }
  }
  const now = new Date().toISOString();
  const info: Omit<RunInfo, 'runId'> = {
    format: RUN_FORMAT, name: config.name, status: 'running', step: 0, totalSteps, seed: config.seed,
    configHash: source.hash, ...(source.file ? { configFile: path.resolve(source.file) } : {}),
    ...(options.note ? { note: options.note } : {}),
    dataset: dataset.description, startedAt: now, updatedAt: now, pid: process.pid, hostname: os.hostname(),
  };
  const stored = { hash: source.hash, ...(source.file ? { configFile: path.resolve(source.file) } : {}), config };
  let writer: RunWriter;
  try {
    writer = await RunWriter.create(options.runsDir, stored, info);
  } catch (error) {
    family.dispose();
    throw error;
  }
  return {
    ...common, writer, resumed: false, startStep: 0, elapsedSeconds: 0, recordedChanges: [],
    random: Random.derive(config.seed, 0x7a11),
    sampler: new EpochSampler(dataset.count, config.seed),
  };
}

/** Restores weights, optimizer state and counters from the run's latest complete checkpoint. */
async function resumeState(resume: ResumeTarget, common: Pick<PreparedRun, 'config' | 'dataset' | 'family' | 'totalSteps'>) {
  const { family, config, dataset, totalSteps } = common;
  const checkpoint = await latestCheckpoint(resume.dir);
  if (!checkpoint) {
    throw new UserError(`${resume.dir} has no complete checkpoint to resume from; start a new run instead`, resume.dir);
  }
  const state = await loadCheckpoint(checkpoint.dir, family.checkpointParts);
  if (totalSteps <= state.step) {
    throw new UserError(`${resume.dir} is already at step ${state.step}; pass --steps above ${state.step} to train further`, resume.dir);
  }
  // The checkpoint resumed from is the last good one, whatever an interrupted run.json still says.
  const lastCheckpoint = { step: state.step, path: checkpointDir(state.step) };
  // Read before reopening drops the lines past the checkpoint: the resumed run writes them again as it replays them.
  const recordedChanges = await readJsonLines(path.join(resume.dir, runFiles.metrics), isChangeRecord);
  const writer = await RunWriter.reopen(resume.dir, { ...resume.info, lastCheckpoint }, state.step, resume.lock);
  return {
    writer, resumed: true, startStep: state.step, elapsedSeconds: state.elapsedSeconds, recordedChanges,
    random: new Random([...state.random] as RandomState),
    sampler: new EpochSampler(dataset.count, config.seed, state.sampler),
  };
}

/** Makes data paths absolute so the stored config (and a resume) works from any working folder. */
export function resolveDataPaths(config: GanConfig, configFile: string | undefined): GanConfig {
  const base = configFile ? path.dirname(path.resolve(configFile)) : process.cwd();
  const absolute = (p: string) => resolveDataPath(p, base);
  return { ...config, data: absolutePaths(config.data, absolute) };
}

function absolutePaths<D extends DataConfig>(data: D, absolute: (p: string) => string): D {
  switch (data.kind) {
    case 'folder': return { ...data, path: absolute(data.path) };
    case 'idx': return { ...data, images: absolute(data.images), ...(data.labels ? { labels: absolute(data.labels) } : {}) };
    case 'domains': return { ...data, a: absolutePaths(data.a, absolute), b: absolutePaths(data.b, absolute) };
    default: return data;
  }
}

interface ResumeTarget {
  readonly dir: string;
  readonly info: RunInfo;
  readonly stored: StoredConfig & { readonly file?: string };
  /** Held from here on: nothing of the run is read for resuming while another trainer may write it. */
  readonly lock: RunLock;
}

async function readResumeTarget(dir: string): Promise<ResumeTarget> {
  await readRunInfo(dir); // a folder that is not a run gets its own message, not a lock error
  const lock = await RunLock.acquire(dir);
  try {
    const info = await readRunInfo(dir);
    // A trainer of a version before run locks records itself in run.json only.
    if ((info.status === 'running' || info.status === 'paused') && info.pid !== process.pid && isTrainerAlive(info)) {
      throw new UserError(`${dir} is still being trained by process ${info.pid}; stop it before resuming`, dir);
    }
    const stored = await readStoredConfig(dir);
    return { dir, info, stored: { ...stored, ...(stored.configFile ? { file: stored.configFile } : {}) }, lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}
