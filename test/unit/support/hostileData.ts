import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import * as jpeg from 'jpeg-js';
import { DataError, UserError } from '../../../src/core/errors';

/** Builders for data files, honest and hostile (IDX arrays, images whose headers lie, gzip bombs, FIFOs), and the check of their errors. */

/**
 * Asserts a UserError whose message and `file` name `file` and whose message matches `pattern`; with
 * `field`, a DataError naming that config field.
 */
export function namesFile(file: string, pattern: RegExp, field?: string) {
  return (error: unknown) => {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    assert.equal(error.file, file);
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, pattern);
    if (field !== undefined) {
      assert.ok(error instanceof DataError, `expected a DataError, got ${error.name}: ${error.message}`);
      assert.equal(error.field, field);
      assert.ok(error.message.startsWith(`${field}: `), error.message);
    }
    return true;
  };
}

/** An IDX file of unsigned bytes with the given dimensions. */
export function idxBytes(dims: readonly number[], data: readonly number[] | Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE((0x08 << 8) | dims.length, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(data)]);
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const frame = Buffer.alloc(8 + data.length + 4);
  frame.writeUInt32BE(data.length, 0);
  typed.copy(frame, 4);
  frame.writeUInt32BE(zlib.crc32(typed), 8 + data.length);
  return frame;
}

/**
 * A PNG of a few hundred bytes whose IHDR (with a valid CRC) claims width×height RGBA pixels: a decoder
 * that trusts it allocates width×height×4 bytes before it finds the pixel data missing.
 */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    pngSignature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(256))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real 8×8 baseline JPEG whose frame header (SOF0) is rewritten to claim width×height. */
export function jpegClaiming(width: number, height: number): Buffer {
  const bytes = Buffer.from(jpeg.encode({ width: 8, height: 8, data: new Uint8Array(8 * 8 * 4).fill(128) }, 90).data);
  const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
  if (sof < 0) throw new Error('jpeg-js wrote no SOF0 marker');
  bytes.writeUInt16BE(height, sof + 5);
  bytes.writeUInt16BE(width, sof + 7);
  return bytes;
}

/** Size of the zero run one repeated deflate block encodes. */
const zeroRun = Buffer.alloc(1 << 20);
const syncFlush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };

/**
 * Raw deflate blocks for `count` zero bytes, the last one final, without ever holding them: one
 * compressed block of a MiB of zeros is repeated (its back-references only reach zeros, whatever
 * came before), so a GB costs ~1 MB and a few milliseconds.
 */
function* deflatedZeros(count: number): Generator<Buffer> {
  const block = zlib.deflateRawSync(zeroRun, syncFlush);
  for (let left = count; left > zeroRun.length; left -= zeroRun.length) yield block;
  yield zlib.deflateRawSync(zeroRun.subarray(0, count % zeroRun.length || zeroRun.length));
}

/**
 * Writes a gzip IDX file of count×rows×cols zero pixels (2.35 GB for 3,000,000×28×28) as ~2.3 MB,
 * streaming; the trailer's CRC is computed the same way, a MiB at a time.
 */
export function writeGzipIdxBomb(file: string, dims: readonly [number, number, number]): number {
  const header = idxBytes(dims, []);
  const total = dims[0] * dims[1] * dims[2];
  let crc = zlib.crc32(header);
  for (let left = total; left > 0; left -= zeroRun.length) crc = zlib.crc32(zeroRun.subarray(0, Math.min(left, zeroRun.length)), crc);
  const out = fs.openSync(file, 'w');
  try {
    fs.writeSync(out, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]));
    fs.writeSync(out, zlib.deflateRawSync(header, syncFlush));
    for (const block of deflatedZeros(total)) fs.writeSync(out, block);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc, 0);
    trailer.writeUInt32LE((header.length + total) % 2 ** 32, 4);
    fs.writeSync(out, trailer);
  } finally {
    fs.closeSync(out);
  }
  return header.length + total;
}

/**
 * An interlaced grayscale PNG of width×height whose pixel data inflates to `inflatedBytes` zeros
 * (a ~1 MB file for a GB): pngjs bounds what it inflates for plain PNGs, but not for interlaced ones.
 */
export function interlacedPngBomb(width: number, height: number, inflatedBytes: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[12] = 1; // Adam7
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((inflatedBytes % 65521) << 16) | 1) >>> 0); // Adler-32 of zeros: a = 1, b = n
  const pixels = Buffer.concat([Buffer.from([0x78, 0x01]), ...deflatedZeros(inflatedBytes), adler]);
  return Buffer.concat([pngSignature, pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A named pipe nobody writes to: reading it blocks forever. */
export function makeFifo(file: string): string {
  execFileSync('mkfifo', [file]);
  return file;
}
