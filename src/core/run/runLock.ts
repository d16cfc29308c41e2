import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { UserError } from '../errors';
import { resumeCommand, runFiles } from './layout';
import { isProcessAlive } from './liveness';

/** train.lock: the trainer that holds a run. Two trainers writing one run corrupt it. */
export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** The worker thread inside `pid` (0: its main thread): the extension trains in worker threads of its own process. */
  readonly thread: number;
  readonly startedAt: string;
  /** Tells this holding apart from any other, whatever the pid. */
  readonly token: string;
}

/** How often a stale lock is tried again while another process is taking it over. */
const ATTEMPTS = 20;

const held = new Set<RunLock>();
// process.exit() (a second Ctrl-C) skips every finally block; this still releases what is held.
let exitHookInstalled = false;

/** A run's lock, held by this thread from acquire() until release(). */
export class RunLock {
  private constructor(readonly file: string, readonly holder: LockHolder) {}

  /**
   * Takes the lock of the run in `dir`, or throws a UserError naming the trainer that holds it. A
   * lock left by a dead process of this host is taken over; one of another host never is (its
   * process cannot be checked from here).
   */
  static async acquire(dir: string): Promise<RunLock> {
    const file = path.join(dir, runFiles.lock);
    const holder: LockHolder = { pid: process.pid, hostname: os.hostname(), thread: threadId, startedAt: new Date().toISOString(), token: randomUUID() };
    // The lock appears whole or not at all: written under a private name, then hard-linked to its
    // name, which fails when a lock exists (O_EXCL semantics, and no reader ever sees a torn one).
    const temp = `${file}.${holder.token}.tmp`;
    await fs.promises.writeFile(temp, JSON.stringify(holder) + '\n');
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await fs.promises.link(temp, file);
          return RunLock.hold(file, holder);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const current = await readLock(file);
        if (current === 'gone' && attempt < ATTEMPTS) continue;
        if (current === 'gone') throw new UserError(`${file}: other trainers keep taking and releasing the lock of run ${path.basename(dir)}; try again`, file);
        if (current === 'unreadable') throw new UserError(`${file} locks run ${path.basename(dir)} but cannot be read; if no trainer is training it, delete that file`, file);
        if (isHolderAlive(current)) throw lockedError(dir, current);
        if (attempt >= ATTEMPTS) throw new UserError(`${file}: the lock of process ${current.pid}, which is no longer running, is being taken over by another trainer; if this persists, delete ${file}`, file);
        await takeOver(file, current);
      }
    } finally {
      await fs.promises.rm(temp, { force: true });
    }
  }

  private static hold(file: string, holder: LockHolder): RunLock {
    const lock = new RunLock(file, holder);
    held.add(lock);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on('exit', () => { for (const each of held) each.release(); });
    }
    return lock;
  }

  /** Removes the lock if it is still this holder's; later calls do nothing. */
  release(): void {
    if (!held.delete(this)) return;
    removeLockOf(this.file, (holder) => holder.token === this.holder.token);
  }
}

/** Throws the UserError a trainer would when the run in `dir` is held by a live trainer (checked before starting one). */
export async function assertRunUnlocked(dir: string): Promise<void> {
  const current = await readLock(path.join(dir, runFiles.lock));
  if (typeof current === 'object' && isHolderAlive(current)) throw lockedError(dir, current);
}

/**
 * Releases the lock a worker thread of this process held: a terminated worker runs no cleanup, and
 * its pid (this process's) stays alive, so nobody else would ever take the lock over.
 */
export function releaseWorkerLock(dir: string, workerThreadId: number): void {
  removeLockOf(path.join(dir, runFiles.lock), (holder) =>
    holder.pid === process.pid && holder.hostname === os.hostname() && holder.thread === workerThreadId);
}

function removeLockOf(file: string, isOwn: (holder: LockHolder) => boolean): void {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return;
  }
  const holder = parseLock(text);
  if (holder !== 'unreadable' && isOwn(holder)) fs.rmSync(file, { force: true });
}

/**
 * Removes a stale lock. Of several processes that find the same stale lock, only the one that
 * creates its takeover marker removes it, after checking it is still that lock: a fresh lock taken
 * meanwhile by another process is never deleted.
 */
async function takeOver(file: string, stale: LockHolder): Promise<void> {
  const marker = `${file}.takeover-${stale.token}`;
  try {
    await fs.promises.writeFile(marker, '', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    await new Promise((resolve) => setTimeout(resolve, 10));
    return;
  }
  try {
    const current = await readLock(file);
    if (typeof current === 'object' && current.token === stale.token) await fs.promises.rm(file, { force: true });
  } finally {
    await fs.promises.rm(marker, { force: true });
  }
}

/**
 * Another host's trainer counts as alive (it cannot be checked). A lock older than this host's last
 * boot is stale whatever process now has its pid: pids start again after a reboot.
 */
function isHolderAlive(holder: LockHolder): boolean {
  if (holder.hostname !== os.hostname()) return true;
  const bootedAt = Date.now() - os.uptime() * 1000;
  return Date.parse(holder.startedAt) > bootedAt && isProcessAlive(holder.pid);
}

function lockedError(dir: string, holder: LockHolder): UserError {
  const file = path.join(dir, runFiles.lock);
  const runId = path.basename(dir);
  const since = `since ${holder.startedAt}`;
  if (holder.hostname !== os.hostname()) {
    return new UserError(`run ${runId} is being trained by process ${holder.pid} on host ${holder.hostname} (${since}), which cannot be ` +
      `checked from this host: stop it there, or if it is no longer running delete ${file}; then resume with: ${resumeCommand(dir)}`, file);
  }
  return new UserError(`run ${runId} is being trained by process ${holder.pid} on this host (${since}): wait for it to finish or stop it ` +
    `(Ctrl-C in its terminal, or Stop in VS Code), then resume with: ${resumeCommand(dir)} (if that process is not a trainer, delete ${file})`, file);
}

async function readLock(file: string): Promise<LockHolder | 'gone' | 'unreadable'> {
  try {
    return parseLock(await fs.promises.readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
}

function parseLock(text: string): LockHolder | 'unreadable' {
  try {
    const value = JSON.parse(text) as Partial<LockHolder> | null;
    if (typeof value === 'object' && value !== null && typeof value.pid === 'number' && typeof value.hostname === 'string'
      && typeof value.thread === 'number' && typeof value.startedAt === 'string' && typeof value.token === 'string') {
      return value as LockHolder;
    }
  } catch {
    // not JSON: reported as unreadable below
  }
  return 'unreadable';
}
