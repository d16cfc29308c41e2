import { TRAINER_GONE } from '../core/run/liveness';
import { markRunEnded } from '../core/run/markEnded';
import { WINDOW_CLOSED } from '../protocol/trainerMessages';
import { discoverRunFolders } from './runFolders';
import type { RunView, RunsLocation } from './runView';

/** Every readable run under the workspace folders' runs directories, newest first, from disk alone. */
export async function discoverRuns(locations: readonly RunsLocation[]): Promise<RunView[]> {
  return (await discoverRunFolders(locations)).runs;
}

export { TRAINER_GONE, WINDOW_CLOSED };

/**
 * Runs whose trainer went away with an earlier window: run.json still says running (its trainer's
 * pid is dead) or our shutdown marked it interrupted. The first kind is marked interrupted now, so
 * every reader (CLI, other windows) agrees. Returns both kinds, to offer a resume. In an untrusted
 * workspace (`mayWrite` false) nothing is written and nothing offered (resuming needs trust): the
 * views already read a dead trainer's run as interrupted.
 */
export async function settleRunsOfEndedWindows(runs: readonly RunView[], isLive: (dir: string) => boolean, mayWrite: boolean): Promise<RunView[]> {
  if (!mayWrite) return [];
  const interrupted: RunView[] = [];
  for (const run of runs) {
    if (run.status !== 'interrupted' || isLive(run.dir)) continue;
    const info = await markRunEnded(run.dir, 'interrupted', TRAINER_GONE);
    if (info.error === TRAINER_GONE || info.error === WINDOW_CLOSED) interrupted.push({ ...run, error: info.error });
  }
  return interrupted;
}
