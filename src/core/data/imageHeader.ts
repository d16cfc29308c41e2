import { DataError } from '../errors';
import type { DataPath } from './dataFiles';

/** What an image file says of itself before any pixel is decoded. */
export interface ImageHeader {
  readonly format: 'PNG' | 'JPEG';
  readonly width: number;
  readonly height: number;
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** PNG stores sizes as 31-bit integers. */
const maxPngSide = 2 ** 31 - 1;

/**
 * The format and declared size of a PNG (its IHDR chunk, which must come first) or JPEG (its first
 * SOF frame header), recognised by signature, not name. Decoders allocate from these numbers, so
 * they are read and checked first; a header that is cut short or malformed is a DataError.
 */
export function readImageHeader(bytes: Uint8Array, at: DataPath): ImageHeader {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (pngSignature.every((byte, i) => view[i] === byte)) return pngHeader(view, at);
  if (view.length >= 3 && view[0] === 0xff && view[1] === 0xd8 && view[2] === 0xff) return jpegHeader(view, at);
  throw new DataError(at.field, at.file, 'is not a PNG or JPEG image.');
}

function damaged(at: DataPath, format: ImageHeader['format'], problem: string): DataError {
  return new DataError(at.field, at.file, `is a damaged ${format} image: ${problem}.`);
}

function pngHeader(view: Buffer, at: DataPath): ImageHeader {
  // Signature (8), then the IHDR chunk: length (4), type (4), width (4), height (4), …
  if (view.length < 24) throw damaged(at, 'PNG', 'it ends inside its header');
  const type = view.toString('latin1', 12, 16);
  if (type !== 'IHDR') throw damaged(at, 'PNG', `its first chunk is "${type.replace(/[^A-Za-z]/g, '?')}", not IHDR`);
  const width = view.readUInt32BE(16);
  const height = view.readUInt32BE(20);
  if (!isSide(width, maxPngSide) || !isSide(height, maxPngSide)) throw damaged(at, 'PNG', `its header declares ${width}×${height} pixels`);
  return { format: 'PNG', width, height };
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers without a length field: TEM and the restart markers. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

function jpegHeader(view: Buffer, at: DataPath): ImageHeader {
  const cutShort = () => damaged(at, 'JPEG', 'it ends before its frame header (SOF) is complete');
  let offset = 2; // after SOI
  for (;;) {
    if (offset >= view.length) throw cutShort();
    if (view[offset] !== 0xff) throw damaged(at, 'JPEG', `found byte 0x${view[offset]!.toString(16).padStart(2, '0')} where a marker should be`);
    while (view[offset] === 0xff) offset++; // a marker may be padded with any number of 0xff
    if (offset >= view.length) throw cutShort();
    const marker = view[offset]!;
    offset++;
    if (isStandalone(marker)) continue;
    if (marker === 0xda || marker === 0xd9) throw damaged(at, 'JPEG', 'its image data starts before any frame header (SOF)');
    // Segment: length (2, counting itself), then for a frame: precision (1), height (2), width (2).
    if (offset + 2 > view.length) throw cutShort();
    if (isFrameMarker(marker)) {
      if (offset + 7 > view.length) throw cutShort();
      const height = view.readUInt16BE(offset + 3);
      const width = view.readUInt16BE(offset + 5);
      if (height === 0 || width === 0) throw damaged(at, 'JPEG', `its frame header declares ${width}×${height} pixels`);
      return { format: 'JPEG', width, height };
    }
    const length = view.readUInt16BE(offset);
    if (length < 2) throw damaged(at, 'JPEG', `a segment declares a length of ${length}`);
    offset += length;
  }
}

function isSide(value: number, max: number): boolean {
  return value >= 1 && value <= max;
}
