import { openRegularFile } from '../util/regularFile';
import { parseJsonLines } from './jsonLines';

/** Bytes read around each sampled position: several lines of any record a run writes. */
const WINDOW_BYTES = 4096;

export interface SampleOptions {
  /** Records wanted at most. */
  readonly count: number;
  /** Sample the bytes before this offset only (default: the whole file). */
  readonly end?: number;
}

/**
 * At most `count` records spread evenly over a .jsonl file, at a cost bounded by `count` whatever
 * the file's size: the first record in each of `count - 1` equal slices of it, then its last
 * record. A file small enough to read in as many windows is read whole and every line considered.
 * For summaries of files too large to read (a sparkline, the early part of a huge run).
 */
export async function sampleJsonLines<T>(file: string, isRecord: (value: unknown) => value is T, options: SampleOptions): Promise<T[]> {
  const opened = await openRegularFile(file);
  if (!opened) return [];
  const { handle, stats } = opened;
  try {
    const end = Math.min(options.end ?? Infinity, stats.size);
    const read = async (from: number, length: number): Promise<string> => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, end - from)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, from);
      return buffer.subarray(0, bytesRead).toString('utf8');
    };
    if (end <= options.count * WINDOW_BYTES) return evenly(parseJsonLines(await read(0, end), isRecord), options.count);
    const sample: T[] = [];
    for (let slice = 0; slice < options.count - 1; slice++) {
      const from = Math.floor((slice * end) / (options.count - 1));
      const text = await read(from, WINDOW_BYTES);
      // A window that starts mid-line drops that line's end; its last line may be cut too.
      const whole = text.slice(from === 0 ? 0 : text.indexOf('\n') + 1, text.lastIndexOf('\n') + 1);
      const first = parseJsonLines(whole, isRecord)[0];
      if (first !== undefined) sample.push(first);
    }
    const last = parseJsonLines(await read(Math.max(0, end - WINDOW_BYTES), WINDOW_BYTES), isRecord).at(-1);
    return last === undefined ? sample : [...sample, last];
  } finally {
    await handle.close();
  }
}

/** At most `count` of `items`, evenly spaced, the first and the last included. */
function evenly<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))] as T);
}
