import * as fs from 'node:fs';
import { parseJsonLines } from './jsonLines';

export interface FollowedRecords<T> {
  /** The file was rewritten (a resume dropped lines past its checkpoint): `records` is everything. */
  readonly reset: boolean;
  readonly records: T[];
}

/**
 * Reads a growing .jsonl file incrementally: each `read` parses only the complete lines appended
 * since the last one (a long run's metrics file holds 100,000 lines; a live view reads it several
 * times a second). A file that shrank or was replaced is read again from the start.
 */
export class JsonLinesFollower<T> {
  private offset = 0;
  private pending = '';
  private identity: string | undefined;

  constructor(private readonly file: string, private readonly isRecord: (value: unknown) => value is T) {}

  async read(): Promise<FollowedRecords<T>> {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const reset = this.offset > 0;
      this.restart(undefined);
      return { reset, records: [] };
    }
    // Atomic rewrites (write a temp file, rename) give the file a new inode.
    const identity = `${stat.dev}:${stat.ino}`;
    const reset = identity !== this.identity && this.identity !== undefined || stat.size < this.offset;
    if (reset || this.identity === undefined) this.restart(identity);
    if (stat.size === this.offset) return { reset, records: [] };
    const handle = await fs.promises.open(this.file, 'r');
    try {
      const length = stat.size - this.offset;
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, this.offset);
      this.offset += bytesRead;
      const text = this.pending + buffer.subarray(0, bytesRead).toString('utf8');
      const end = text.lastIndexOf('\n') + 1;
      // A line without its newline yet is still being appended: keep it for the next read.
      this.pending = text.slice(end);
      return { reset, records: parseJsonLines(text.slice(0, end), this.isRecord) };
    } finally {
      await handle.close();
    }
  }

  private restart(identity: string | undefined): void {
    this.identity = identity;
    this.offset = 0;
    this.pending = '';
  }
}
