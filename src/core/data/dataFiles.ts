import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { DataError } from '../errors';
import { formatBytes } from '../util/bytes';
import { describeKind, openRegularFile } from '../util/regularFile';
import { formatCount } from './dataLimits';

/** A path written in a config, resolved against the config file's folder (absolute paths stay). */
export function resolveDataPath(written: string, baseDir: string): string {
  return path.resolve(baseDir, written);
}

/** A data file and the config field that names it, for messages: "data.images: /x/y.idx is …". */
export interface DataPath {
  readonly field: string;
  readonly file: string;
}

/** An open data file known to be a regular file of `size` bytes (links followed). */
export interface OpenDataFile {
  readonly at: DataPath;
  readonly handle: fs.FileHandle;
  readonly size: number;
}

/**
 * Opens `at.file` and runs `use` on it, closing it after. Only a regular file is accepted: a folder,
 * a device (/dev/zero never ends), a FIFO (may never answer) or a socket, directly or through a link,
 * is a DataError, as is a file over `maxBytes` when given.
 */
export async function withDataFile<T>(at: DataPath, use: (file: OpenDataFile) => Promise<T>, maxBytes?: SizeLimit): Promise<T> {
  const opened = await openRegularFile(at.file).catch((error: unknown) => {
    throw openError(at, (error as NodeJS.ErrnoException).code);
  });
  if (!opened) throw await notRegularError(at);
  const { handle, stats } = opened;
  try {
    if (maxBytes && stats.size > maxBytes.bytes) {
      const limit = formatBytes(maxBytes.bytes);
      // Just over the limit rounds to the limit itself: then the exact count says why.
      const size = formatBytes(stats.size) === limit ? `${formatCount(stats.size)} bytes` : formatBytes(stats.size);
      throw new DataError(at.field, at.file, `is ${size}; ${maxBytes.what} may be at most ${limit}.`);
    }
    return await use({ at, handle, size: stats.size });
  } finally {
    await handle.close();
  }
}

/** A stated maximum size and what it applies to, e.g. { bytes: 128 MiB, what: 'an image file' }. */
export interface SizeLimit {
  readonly bytes: number;
  readonly what: string;
}

/** Reads a whole regular data file of at most `maxBytes`. */
export function readDataFile(at: DataPath, maxBytes: SizeLimit): Promise<Buffer> {
  return withDataFile(at, (file) => readAt(file, 0, file.size), maxBytes);
}

/** `length` bytes from `position`, or fewer where the file ends first. */
export async function readAt(file: OpenDataFile, position: number, length: number): Promise<Buffer> {
  const bytes = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await file.handle.read(bytes, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? bytes : bytes.subarray(0, filled);
}

function openError(at: DataPath, code: string | undefined): DataError {
  const reason = code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist.'
    : code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied).'
    : `cannot be read (${code ?? 'unknown error'}).`;
  return new DataError(at.field, at.file, reason);
}

/** Why `at.file` did not open as a regular file; stat, unlike open, waits on no FIFO. */
async function notRegularError(at: DataPath): Promise<DataError> {
  let stats: Stats;
  try {
    stats = await fs.stat(at.file);
  } catch (error) {
    return openError(at, (error as NodeJS.ErrnoException).code);
  }
  const what = stats.isDirectory() ? 'a folder, not a file.' : `${describeKind(stats)}, not a regular file.`;
  const linked = await fs.lstat(at.file).then((link) => link.isSymbolicLink(), () => false);
  const through = linked ? `links to ${await fs.realpath(at.file).catch(() => 'another file')}, which is` : 'is';
  return new DataError(at.field, at.file, `${through} ${what}`);
}
