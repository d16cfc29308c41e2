import { constants, type Stats } from 'node:fs';
import * as fs from 'node:fs/promises';

// O_NONBLOCK: opening a FIFO nobody writes to would otherwise wait for a writer (in one of libuv's
// four pool threads: four such files would stall every file operation of the process). Windows
// has no such constant and no FIFOs to open.
const readFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Opens a file for reading without ever waiting for a FIFO's writer; check its stats before reading. */
export function openForReading(file: string): Promise<fs.FileHandle> {
  return fs.open(file, readFlags);
}

/** What kind of thing `stats` describes, for messages: "a file", "a folder", "a FIFO (named pipe)", … */
export function describeKind(stats: Stats): string {
  return stats.isFile() ? 'a file'
    : stats.isDirectory() ? 'a folder'
    : stats.isFIFO() ? 'a FIFO (named pipe)'
    : stats.isCharacterDevice() ? 'a character device'
    : stats.isBlockDevice() ? 'a block device'
    : stats.isSocket() ? 'a socket' : 'a special file';
}

export interface RegularFile {
  readonly handle: fs.FileHandle;
  readonly stats: Stats;
}

/**
 * Opens a file a workspace holds for reading, only if it is a regular file (links followed): a
 * missing file, a folder, a FIFO, a device or a socket is `undefined`, never a wait or an endless
 * read. The caller closes the handle.
 */
export async function openRegularFile(file: string): Promise<RegularFile | undefined> {
  let handle: fs.FileHandle;
  try {
    handle = await openForReading(file);
  } catch (error) {
    // ENXIO: a socket; EISDIR, ENOTDIR: not a file where one was expected.
    if (['ENOENT', 'ENOTDIR', 'EISDIR', 'ENXIO'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
  const stats = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  if (stats.isFile()) return { handle, stats };
  await handle.close();
  return undefined;
}
