import * as path from 'node:path';
import { backendNames, type BackendName } from '../core/config/backendNames';
import { DEFAULT_RUNS_DIR } from '../core/run/layout';

/** The `ganStudio.*` settings, read once into an immutable snapshot and re-read on change. */
export interface ExtensionSettings {
  /** Relative paths resolve against each workspace folder. */
  readonly runsDirectory: string;
  readonly backend: BackendName;
  readonly maxConcurrentRuns: number;
  /** Most updates per second that the dashboard and the preview get. */
  readonly refreshRate: number;
  readonly retention: { readonly samples?: number; readonly checkpoints?: number };
  /** Threads for the wasm backend; undefined: one per core. */
  readonly wasmThreads?: number;
}

export const SETTINGS_SECTION = 'ganStudio';

/** Reads settings through `get` (vscode's WorkspaceConfiguration.get), ignoring values of the wrong kind. */
export function readSettings(get: (key: string) => unknown): ExtensionSettings {
  const runsDirectory = get('runsDirectory');
  const backend = get('backend');
  const samples = positiveInt(get('samples.keepLast'));
  const checkpoints = positiveInt(get('checkpoints.keepLast'));
  // 0 (the default) means one thread per core.
  const wasmThreads = positiveInt(get('wasmThreads'));
  return {
    runsDirectory: typeof runsDirectory === 'string' && runsDirectory.trim() ? runsDirectory.trim() : DEFAULT_RUNS_DIR,
    backend: (backendNames as readonly unknown[]).includes(backend) ? backend as BackendName : 'auto',
    maxConcurrentRuns: positiveInt(get('maxConcurrentRuns')) ?? 2,
    refreshRate: clamp(typeof get('refreshRate') === 'number' ? get('refreshRate') as number : 4, 0.5, 30),
    retention: { ...(samples !== undefined ? { samples } : {}), ...(checkpoints !== undefined ? { checkpoints } : {}) },
    ...(wasmThreads !== undefined ? { wasmThreads } : {}),
  };
}

/** The runs directory of a workspace folder. */
export function runsDirOf(settings: ExtensionSettings, folder: string): string {
  return path.resolve(folder, settings.runsDirectory);
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
