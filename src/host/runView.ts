import * as path from 'node:path';
import type { AdapterFacts } from '../core/backend/report';
import { effectiveStatus, TRAINER_GONE } from '../core/run/liveness';
import type { MetricsRecord, NoteOrigin, RunInfo, RunStatus } from '../core/run/records';
import type { TrainingEvent } from '../core/train/events';
import { headlineSpec, headlineValues, type HeadlineSpec, type MetricCatalogue } from '../core/families/catalogue';
import { runCatalogue } from './runCatalogue';

/** Where a workspace folder keeps its runs. */
export interface RunsLocation {
  /** The workspace folder's name, shown when there are several. */
  readonly label: string;
  /** The workspace folder's path: config files are shown relative to it. */
  readonly root: string;
  readonly runsDir: string;
}

/** One run as the views show it: from disk, then kept current by its trainer's events. */
export interface RunView {
  readonly dir: string;
  readonly runId: string;
  readonly name: string;
  readonly status: RunStatus;
  readonly step: number;
  readonly totalSteps: number;
  readonly startedAt: string;
  /** The config the run came from, relative to its workspace folder when inside it. */
  readonly group: string;
  readonly configFile?: string;
  /** The note and gan block the run was trained from. */
  readonly note?: NoteOrigin;
  /** The latest values of the run's headline pair (a GAN's D and G loss)… */
  readonly headline?: readonly [number, number];
  /** …their names and labels: short ("D", "G") and long ("D loss", "G loss"). */
  readonly headlineSpec: HeadlineSpec;
  /** The catalogue run.json records; absent for runs from before catalogues. */
  readonly catalogue?: MetricCatalogue;
  /** The networks its checkpoints hold (run.json; absent in runs from before it listed them). */
  readonly networks?: readonly string[];
  /** The family's sample views beyond the grid (BiGAN's reconstructions), as run.json lists them. */
  readonly views?: RunInfo['views'];
  /** What its sample pictures show when no generator draws them (DANN's features), as run.json says. */
  readonly picture?: RunInfo['picture'];
  readonly stepsPerSecond?: number;
  readonly backend?: string;
  /** The WebGPU adapter the run trains on (its backend report's, when the backend is webgpu). */
  readonly adapter?: AdapterFacts;
  readonly error?: string;
  readonly checkpointStep?: number;
  /** The step of the newest sample grid. */
  readonly sampleStep?: number;
  /** Being trained by this window right now (controls apply). */
  readonly live: boolean;
}

export function runViewFromDisk(dir: string, info: RunInfo, metrics: MetricsRecord | undefined, location: RunsLocation): RunView {
  const status = effectiveStatus(info);
  // A dead trainer's run reads as interrupted, with why, before anyone marks it so (or while nobody
  // may: Restricted Mode writes nothing).
  const error = status === info.status ? info.error : TRAINER_GONE;
  const catalogue = runCatalogue(info);
  const headline = metrics && headlineValues(catalogue, metrics);
  return {
    dir, runId: info.runId, name: info.name, status, step: info.step, totalSteps: info.totalSteps,
    startedAt: info.startedAt, group: configGroup(info, location), live: false, headlineSpec: headlineSpec(catalogue),
    ...(info.configFile ? { configFile: info.configFile } : {}),
    ...(info.note ? { note: info.note } : {}),
    ...(headline ? { headline } : {}),
    ...(info.catalogue ? { catalogue: info.catalogue } : {}),
    ...(info.views ? { views: info.views } : {}),
    ...(info.picture ? { picture: info.picture } : {}),
    ...(info.networks ? { networks: info.networks } : {}),
    ...(metrics ? { stepsPerSecond: metrics.stepsPerSecond } : {}),
    ...(info.backend ? { backend: info.backend.backend } : {}),
    ...(info.backend?.adapter ? { adapter: info.backend.adapter } : {}),
    ...(error ? { error } : {}),
    ...(info.lastCheckpoint ? { checkpointStep: info.lastCheckpoint.step } : {}),
    ...(info.lastSample ? { sampleStep: info.lastSample.step } : {}),
  };
}

/** A run's view after one of its trainer's events. */
export function applyEvent(view: RunView, event: TrainingEvent): RunView {
  switch (event.type) {
    case 'started': {
      // A resumed run may train on another backend: the last start's adapter, or none, is what applies.
      const { error: _previousError, adapter: _previousAdapter, ...rest } = view;
      const { backend, adapter } = event.backend;
      return { ...rest, status: 'running', step: event.step, totalSteps: event.totalSteps, backend, ...(adapter ? { adapter } : {}), live: true };
    }
    case 'progress':
      return { ...view, step: event.step, totalSteps: event.totalSteps, headline: event.headline, stepsPerSecond: event.stepsPerSecond };
    case 'checkpoint':
      return { ...view, checkpointStep: event.step };
    case 'sample':
      return { ...view, sampleStep: event.step };
    case 'status': {
      const live = event.status === 'running' || event.status === 'paused';
      return { ...view, status: event.status, step: event.step, live, ...(event.error ? { error: event.error } : {}) };
    }
    default:
      return view;
  }
}

function configGroup(info: RunInfo, location: RunsLocation): string {
  if (!info.configFile) return info.name;
  const relative = path.relative(location.root, info.configFile);
  const inside = relative && !relative.startsWith('..') && !path.isAbsolute(relative);
  return (inside ? relative : path.basename(info.configFile)).split(path.sep).join('/');
}
