import { pipeline } from 'node:stream';
import * as zlib from 'node:zlib';
import { DataError, errorMessage } from '../errors';
import { readAt, type OpenDataFile } from './dataFiles';

/**
 * A data file read front to back, gunzipped on the fly when it starts with the gzip signature. It
 * reads (and inflates) only as far as asked, so a small prefix of a huge or bomb-like file costs
 * only that prefix.
 */
export interface ByteReader {
  readonly compressed: boolean;
  /** The next `length` bytes, or fewer where the data ends. */
  read(length: number): Promise<Buffer>;
  /** Stops inflating; the file itself belongs to the caller. */
  close(): void;
}

export async function openByteReader(file: OpenDataFile): Promise<ByteReader> {
  const signature = await readAt(file, 0, 2);
  return signature[0] === 0x1f && signature[1] === 0x8b ? gunzipReader(file) : rawReader(file);
}

function rawReader(file: OpenDataFile): ByteReader {
  let position = 0;
  return {
    compressed: false,
    async read(length) {
      const bytes = await readAt(file, position, length);
      position += bytes.length;
      return bytes;
    },
    close: () => undefined,
  };
}

function gunzipReader(file: OpenDataFile): ByteReader {
  // A pull-driven stream: inflating pauses once a chunk or two wait unread.
  const inflated = pipeline(file.handle.createReadStream({ autoClose: false }), zlib.createGunzip(), () => undefined);
  const chunks: AsyncIterator<Buffer> = inflated[Symbol.asyncIterator]();
  let pending: Buffer = Buffer.alloc(0);
  return {
    compressed: true,
    async read(length) {
      const out = Buffer.alloc(length);
      let filled = 0;
      while (filled < length) {
        if (pending.length === 0) {
          const next = await nextChunk(chunks, file);
          if (!next) break;
          pending = next;
        }
        const taken = pending.copy(out, filled, 0, Math.min(pending.length, length - filled));
        pending = pending.subarray(taken);
        filled += taken;
      }
      return filled === length ? out : out.subarray(0, filled);
    },
    close: () => inflated.destroy(),
  };
}

async function nextChunk(chunks: AsyncIterator<Buffer>, file: OpenDataFile): Promise<Buffer | undefined> {
  try {
    const next = await chunks.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    throw new DataError(file.at.field, file.at.file, `looks gzip-compressed but cannot be decompressed: ${errorMessage(error).replace(/\.$/, '')}.`);
  }
}
