import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';

/**
 * Creates `dir` and its missing parents, one level at a time, with errors that say which path is
 * wrong and how. Node's `mkdir(dir, { recursive: true })` never returns where a file system refuses
 * a folder with ENOENT although its parent exists (/proc does: it retries the parent and the child
 * forever), and its EEXIST/ENOTDIR name neither the folder meant nor what was in the way.
 * `role` names the folder in messages, e.g. "runs folder".
 */
export async function makeFolder(dir: string, role: string): Promise<void> {
  const fail = (why: string) => new UserError(`${role} ${dir}: ${why}`, dir);
  const missing: string[] = [];
  // Up to the nearest existing ancestor: at most one step per path component.
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const stats = await statIfPresent(current, fail);
    if (stats?.isDirectory()) break;
    if (stats) throw fail(`${current} is a file, not a folder`);
    missing.push(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of missing.reverse()) {
    try {
      await fs.promises.mkdir(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Made meanwhile by someone else: as good as made here.
      if (code === 'EEXIST' && (await statIfPresent(folder, fail))?.isDirectory()) continue;
      throw new UserError(`cannot create ${role} ${dir}: ${refusal(code, folder)}`, dir);
    }
  }
}

/** The path's status, or undefined when nothing is there (or a file stands where a parent folder should: the walk up finds it). */
async function statIfPresent(file: string, fail: (why: string) => UserError): Promise<fs.Stats | undefined> {
  try {
    return await fs.promises.stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw fail(`cannot look at ${file} (${code ?? String(error)})`);
  }
}

function refusal(code: string | undefined, folder: string): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM': return `permission denied to create ${folder}`;
    case 'EROFS': return `${folder} is on a read-only file system`;
    case 'ENOSPC': return `no space left on the device for ${folder}`;
    // /proc and similar file systems answer "no such file" for a folder they will not hold.
    case 'ENOENT': return `the file system does not allow a folder at ${folder}`;
    default: return `${folder} could not be made (${code ?? 'unknown error'})`;
  }
}
