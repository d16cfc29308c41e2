import * as fs from 'node:fs';
import { openRegularFile } from '../util/regularFile';
import { writeFileAtomic } from './atomicFile';

/**
 * Parses a .jsonl file, skipping a torn (incomplete) last line left by a crash mid-append and any
 * blank lines. A malformed line elsewhere is skipped too: one bad record must not hide a run.
 */
export function parseJsonLines<T>(text: string, isRecord: (value: unknown) => value is T): T[] {
  const records: T[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isRecord(value)) records.push(value);
    } catch {
      // torn or corrupt line: skipped by design
    }
  }
  return records;
}

export async function readJsonLines<T>(file: string, isRecord: (value: unknown) => value is T): Promise<T[]> {
  try {
    return parseJsonLines(await fs.promises.readFile(file, 'utf8'), isRecord);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Rewrites a .jsonl file keeping only the records `keep` accepts (used when resuming a run). */
export async function filterJsonLines<T>(file: string, isRecord: (value: unknown) => value is T, keep: (record: T) => boolean): Promise<void> {
  const records = (await readJsonLines(file, isRecord)).filter(keep);
  await writeFileAtomic(file, records.map((record) => JSON.stringify(record) + '\n').join(''));
}

export function isObjectWithStep(value: unknown): value is { step: number } {
  return typeof value === 'object' && value !== null && typeof (value as { step?: unknown }).step === 'number';
}

/**
 * The last well-formed record of a .jsonl file, reading only its tail (views refresh often and a
 * long run's metrics file grows to megabytes). Undefined when there is none in the tail.
 */
export async function readLastJsonLine<T>(file: string, isRecord: (value: unknown) => value is T, tailBytes = 16_384): Promise<T | undefined> {
  // A FIFO or device in a run folder is no metrics file: never waited on.
  const opened = await openRegularFile(file);
  if (!opened) return undefined;
  const { handle } = opened;
  try {
    const { size } = opened.stats;
    const length = Math.min(size, tailBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    // The first line of a partial tail may be cut; parseJsonLines skips it like a torn line.
    return parseJsonLines(buffer.toString('utf8'), isRecord).at(-1);
  } finally {
    await handle.close();
  }
}
