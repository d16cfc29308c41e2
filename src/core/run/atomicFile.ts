import * as fs from 'node:fs';
import * as path from 'node:path';

let counter = 0;

/**
 * Writes a file so that readers see either the old or the new content, never a torn one: the data
 * goes to a temporary file in the same folder, which is then renamed over the target.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${counter++}.tmp`);
  try {
    await fs.promises.writeFile(temp, data);
    await fs.promises.rename(temp, file);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}

/** Appends one JSON line. A crash mid-append can leave a torn last line, which readers skip. */
export async function appendJsonLine(file: string, value: unknown): Promise<void> {
  await fs.promises.appendFile(file, JSON.stringify(value) + '\n');
}
