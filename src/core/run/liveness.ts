import * as os from 'node:os';
import type { RunInfo, RunStatus } from './records';

/** Whether the process recorded as training this run is still alive (only knowable on its own host). */
export function isTrainerAlive(info: RunInfo): boolean {
  if (info.pid === undefined || info.hostname !== os.hostname()) return false;
  if (info.pid === process.pid) return true;
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The status a reader should show: a "running" run whose trainer died was interrupted. */
export function effectiveStatus(info: RunInfo): RunStatus {
  const live = info.status === 'running' || info.status === 'paused';
  return live && info.hostname === os.hostname() && !isTrainerAlive(info) ? 'interrupted' : info.status;
}
