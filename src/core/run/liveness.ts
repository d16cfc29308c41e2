import * as os from 'node:os';
import type { RunInfo, RunStatus } from './records';

/** Whether the process recorded as training this run is still alive (only knowable on its own host). */
export function isTrainerAlive(info: RunInfo): boolean {
  return info.pid !== undefined && info.hostname === os.hostname() && isProcessAlive(info.pid);
}

/** Whether a process of this host exists. */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why a run whose trainer vanished without a word (killed, crashed with its process) ended. */
export const TRAINER_GONE = 'its trainer process ended before the run finished (window reload, crash or kill); resume from the last checkpoint';

/** The status a reader should show: a "running" run whose trainer died was interrupted. */
export function effectiveStatus(info: RunInfo): RunStatus {
  const live = info.status === 'running' || info.status === 'paused';
  return live && info.hostname === os.hostname() && !isTrainerAlive(info) ? 'interrupted' : info.status;
}
