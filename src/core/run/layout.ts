import * as path from 'node:path';

/** File names inside a run directory (README, "Run directory"). */
export const runFiles = {
  config: 'config.json',
  info: 'run.json',
  metrics: 'metrics.jsonl',
  histograms: 'histograms.jsonl',
  /** 2D data only: FieldRecord lines (D over the plane, G's gradient directions). */
  field: 'field.jsonl',
  samples: 'samples',
  latestSample: path.join('samples', 'latest.png'),
  checkpoints: 'checkpoints',
  /** Present while a trainer holds the run: who (runLock.ts). */
  lock: 'train.lock',
  /** Space set aside while training so the final status can be written on a full disk (spaceReserve.ts). */
  spaceReserve: '.space-reserve',
} as const;

export const DEFAULT_RUNS_DIR = path.join('.gan', 'runs');

/** A sample grid's file, or with `view` that view's picture (samples/<view>/step-N.png). */
export function sampleFile(step: number, view?: string): string {
  return path.join(sampleFolder(view), `step-${step}.png`);
}

/** Where the fixed-noise grids live, or a family's named view's pictures. */
export function sampleFolder(view?: string): string {
  return view === undefined ? runFiles.samples : path.join(runFiles.samples, view);
}

/** The command that continues a run, ready to paste into a shell. */
export function resumeCommand(runDir: string): string {
  const quoted = /^[\w@%+=:,./-]+$/.test(runDir) ? runDir : `'${runDir.replace(/'/g, `'\\''`)}'`;
  return `gan-studio train --resume ${quoted}`;
}

export function checkpointDir(step: number): string {
  return path.join(runFiles.checkpoints, `step-${step}`);
}

/** The step in a `step-N` / `step-N.png` name, or undefined for anything else. */
export function stepOfName(name: string): number | undefined {
  const match = /^step-(\d+)(\.png)?$/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/**
 * A run id: the config name and the local start time, e.g. ring-20261122-221503; a run from a
 * note's gan block is prefixed with the note and block, e.g. gan-notes-b2-ring-20261122-221503.
 */
export function makeRunId(name: string, now: Date, note?: { readonly file: string; readonly block: number }): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}` +
    `-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const prefix = note ? `${noteSlug(note.file)}-b${note.block + 1}-` : '';
  return `${prefix}${name}-${stamp}`;
}

/** A note's file name as a run-id part: letters, digits, '.', '_' and '-' only. */
function noteSlug(file: string): string {
  const stem = path.basename(file).replace(/\.(md|markdown)$/i, '');
  return stem.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 40) || 'note';
}
