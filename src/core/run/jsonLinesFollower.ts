import { openRegularFile } from '../util/regularFile';
import { parseJsonLines } from './jsonLines';

/** Text parsed per step: a few milliseconds of work, so the event loop turns between chunks. */
const CHUNK_BYTES = 256 * 1024;

export interface FollowedBatch<T> {
  /**
   * The file was rewritten (a resume dropped lines past its checkpoint) or removed: drop what the
   * earlier reads gave. Only the first batch of a read says so.
   */
  readonly reset: boolean;
  readonly records: T[];
}

export interface FollowOptions {
  /** A file larger than this when read from its start is read from its last `maxBytes` only (see `skippedBytes`). */
  readonly maxBytes?: number;
  readonly chunkBytes?: number;
}

const NEWLINE = 0x0a;

/**
 * Reads a growing .jsonl file incrementally: each `read` parses only the complete lines appended
 * since the last one (a live view reads it several times a second), in chunks, each one an
 * asynchronous read, so a file of hundreds of megabytes never holds the event loop for long. A
 * file that shrank or was replaced is read again from the start.
 */
export class JsonLinesFollower<T> {
  private offset = 0;
  /** The start of a line whose newline is not read yet (a chunk ended mid-line, or it is still being appended). */
  private pending: Buffer = Buffer.alloc(0);
  /** Reading began mid-file: the bytes up to the first newline are the end of a line not read. */
  private midLine = false;
  private identity: string | undefined;
  private skipped = 0;
  private reading = false;

  constructor(private readonly file: string, private readonly isRecord: (value: unknown) => value is T, private readonly options: FollowOptions = {}) {}

  /** Bytes at the file's start left unread because it was larger than `maxBytes` (0 when read whole). */
  get skippedBytes(): number {
    return this.skipped;
  }

  /** How far into the file the reads have got: its size when last read. */
  get position(): number {
    return this.offset;
  }

  /** The complete lines appended since the last read, a chunk at a time; nothing when nothing changed. */
  async *read(): AsyncGenerator<FollowedBatch<T>> {
    // Two reads at once would both take the same lines: callers queue theirs.
    if (this.reading) throw new Error(`${this.file} is already being read`);
    this.reading = true;
    try {
      yield* this.readChunks();
    } finally {
      this.reading = false;
    }
  }

  private async *readChunks(): AsyncGenerator<FollowedBatch<T>> {
    const opened = await openRegularFile(this.file);
    if (!opened) {
      // Gone (or never a regular file: a FIFO or device is never read).
      const reset = this.identity !== undefined;
      this.restart(undefined, 0);
      if (reset) yield { reset, records: [] };
      return;
    }
    const { handle, stats } = opened;
    try {
      // Atomic rewrites (write a temp file, then rename) give the file a new inode.
      const identity = `${stats.dev}:${stats.ino}`;
      let reset = this.identity !== undefined && (identity !== this.identity || stats.size < this.offset);
      if (reset || this.identity === undefined) this.restart(identity, stats.size);
      if (reset && stats.size <= this.offset) yield { reset, records: [] };
      const chunk = Buffer.alloc(Math.max(0, Math.min(this.options.chunkBytes ?? CHUNK_BYTES, stats.size - this.offset)));
      while (this.offset < stats.size) {
        const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, stats.size - this.offset), this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        const records = this.take(chunk.subarray(0, bytesRead));
        if (records.length || reset) yield { reset, records };
        reset = false;
      }
    } finally {
      await handle.close();
    }
  }

  /** The records of the complete lines `bytes` ends (a newline is never inside a UTF-8 character, so splitting there is safe). */
  private take(bytes: Buffer): T[] {
    let text = Buffer.concat([this.pending, bytes]);
    if (this.midLine) {
      const newline = text.indexOf(NEWLINE);
      this.skipped += newline < 0 ? text.length : newline + 1;
      if (newline < 0) return [];
      text = text.subarray(newline + 1);
      this.midLine = false;
    }
    const end = text.lastIndexOf(NEWLINE) + 1;
    // Copied: `bytes` is the reused chunk buffer.
    this.pending = Buffer.from(text.subarray(end));
    return parseJsonLines(text.subarray(0, end).toString('utf8'), this.isRecord);
  }

  private restart(identity: string | undefined, size: number): void {
    const limit = this.options.maxBytes ?? Infinity;
    this.identity = identity;
    // One byte early: when that byte is a newline, the line right after it is read whole.
    this.offset = size > limit ? size - limit - 1 : 0;
    this.skipped = this.offset;
    this.midLine = this.offset > 0;
    this.pending = Buffer.alloc(0);
  }
}
