import * as path from 'node:path';
import { readLastJsonLine } from '../core/run/jsonLines';
import { runFiles } from '../core/run/layout';
import { markRunEnded } from '../core/run/markEnded';
import { isMetricsRecord } from '../core/run/records';
import { listRuns } from '../core/run/runReader';
import { runViewFromDisk, type RunView, type RunsLocation } from './runView';

/** Every run under the workspace folders' runs directories, newest first, from disk alone. */
export async function discoverRuns(locations: readonly RunsLocation[]): Promise<RunView[]> {
  const perLocation = await Promise.all(locations.map(async (location) => {
    const runs = await listRuns(location.runsDir);
    return Promise.all(runs.map(async ({ dir, info }) => {
      const metrics = await readLastJsonLine(path.join(dir, runFiles.metrics), isMetricsRecord);
      return runViewFromDisk(dir, info, metrics, location);
    }));
  }));
  return perLocation.flat().sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** Why a run ended when its window closed or reloaded (the host stops its trainers with this). */
export const WINDOW_CLOSED = 'the window was reloaded or closed while it trained; resume from the last checkpoint';
/** Why a run whose trainer vanished without a word (killed, crashed with its process) ended. */
export const TRAINER_GONE = 'its trainer process ended before the run finished (window reload, crash or kill); resume from the last checkpoint';

/**
 * Runs whose trainer went away with an earlier window: run.json still says running (its trainer's
 * pid is dead) or our shutdown marked it interrupted. The first kind is marked interrupted now, so
 * every reader (CLI, other windows) agrees. Returns both kinds, to offer a resume.
 */
export async function settleRunsOfEndedWindows(runs: readonly RunView[], isLive: (dir: string) => boolean): Promise<RunView[]> {
  const interrupted: RunView[] = [];
  for (const run of runs) {
    if (run.status !== 'interrupted' || isLive(run.dir)) continue;
    const info = await markRunEnded(run.dir, 'interrupted', TRAINER_GONE);
    if (info.error === TRAINER_GONE || info.error === WINDOW_CLOSED) interrupted.push({ ...run, error: info.error });
  }
  return interrupted;
}
