import * as path from 'node:path';
import { writeJsonAtomic } from './atomicFile';
import { runFiles } from './layout';
import type { RunInfo, RunStatus } from './records';
import { readRunInfo } from './runReader';

/**
 * Records that a run ended without its trainer saying so (the trainer crashed or was killed), so
 * every reader sees why; a run that already ended is left as it is.
 */
export async function markRunEnded(dir: string, status: Extract<RunStatus, 'failed' | 'interrupted'>, error: string): Promise<RunInfo> {
  const info = await readRunInfo(dir);
  if (info.status !== 'running' && info.status !== 'paused') return info;
  const now = new Date().toISOString();
  const ended: RunInfo = { ...info, status, error, updatedAt: now, endedAt: now };
  await writeJsonAtomic(path.join(dir, runFiles.info), ended);
  return ended;
}
