import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFiles } from './layout';

/**
 * Space a training run sets aside so that, when the disk fills up, its last status (failed, and
 * why) can still be written: run.json is a few KB, written as a temporary file then renamed. 256 KB
 * also covers block rounding and a directory block or two.
 */
const RESERVE_BYTES = 256 * 1024;

/**
 * Sets the space aside. The bytes are random so that a compressing file system (btrfs, ZFS) has
 * to allocate them for real.
 */
export async function reserveSpace(runDir: string): Promise<void> {
  await fs.promises.writeFile(path.join(runDir, runFiles.spaceReserve), randomBytes(RESERVE_BYTES));
}

/** Gives the space back (before the final status write, and when the trainer goes away). */
export function releaseSpace(runDir: string): void {
  fs.rmSync(path.join(runDir, runFiles.spaceReserve), { force: true });
}

/** A write that failed because the disk (or the user's quota) is full. */
export function isOutOfSpace(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
