import * as zlib from 'node:zlib';
import { DataError } from '../errors';
import type { DataPath } from './dataFiles';

/** Channels per PNG colour type: gray, RGB, palette, gray+alpha, RGBA. */
const channelsOf: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * pngjs bounds what it inflates for a plain PNG (to the size its header needs) but not for an
 * interlaced one, so a 2 MB interlaced PNG of 16×16 pixels can inflate to gigabytes. For those, the
 * pixel data is inflated once here with that bound, and refused if it holds more.
 * `png` has a valid signature and IHDR (see readImageHeader).
 */
export function checkInterlacedPngData(png: Buffer, width: number, height: number, at: DataPath): void {
  const interlaced = png[28] === 1;
  if (!interlaced) return;
  const bitsPerPixel = png[24]! * (channelsOf[png[25]!] ?? 4);
  // Adam7's seven passes hold the same pixels, plus a filter byte and up to a byte of padding per
  // pass row; the passes have fewer than 2 × height + 7 rows in all.
  const bound = Math.ceil(width * bitsPerPixel / 8) * height + 2 * (2 * height + 7);
  try {
    zlib.inflateSync(Buffer.concat(idatChunks(png)), { maxOutputLength: bound });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') return; // any other damage: pngjs says what
    throw new DataError(at.field, at.file, `is a damaged PNG image: its pixel data inflates to more than the ${bound} bytes ${width}×${height} pixels need.`);
  }
}

/** The IDAT chunks' data, in order; a chunk cut short ends the walk (pngjs reports it). */
function idatChunks(png: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 8; offset + 8 <= png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const end = offset + 8 + length;
    if (end > png.length || type === 'IEND') break;
    if (type === 'IDAT') chunks.push(png.subarray(offset + 8, end));
    offset = end + 4; // past the CRC
  }
  return chunks;
}
