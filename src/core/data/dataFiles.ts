import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { UserError } from '../errors';

/** A path written in a config, resolved against the config file's folder (absolute paths stay). */
export function resolveDataPath(written: string, baseDir: string): string {
  return path.resolve(baseDir, written);
}

/** Reads a data file; a missing or unreadable file becomes a UserError naming it and its role. */
export async function readDataFile(file: string, role: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist'
      : code === 'EISDIR' ? 'is a folder, not a file'
      : code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)'
      : `cannot be read (${code ?? 'unknown error'})`;
    throw new UserError(`${role} ${file} ${reason}.`, file);
  }
}
