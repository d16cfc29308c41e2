import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DataError, errorMessage } from '../errors';
import type { DataPath } from './dataFiles';
import { dataLimits, formatCount } from './dataLimits';
import { readImageHeader } from './imageHeader';
import { checkInterlacedPngData } from './pngPixelData';

/** Decoded pixels, 8-bit RGBA, row-major. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

export const imageExtensions = ['.png', '.jpg', '.jpeg'] as const;

/** Maps a byte 0..255 onto the datasets' [-1, 1] range. */
export function byteToUnit(byte: number): number {
  return byte / 127.5 - 1;
}

/**
 * Decodes a PNG or JPEG, recognised by its signature rather than its name, once its header shows a
 * size within `dataLimits.imagePixels` (a 400-byte PNG can declare 20000×20000 pixels: 1.6 GB).
 */
export function decodeImage(bytes: Uint8Array, at: DataPath): RgbaImage {
  const { format, width, height } = readImageHeader(bytes, at);
  const pixels = width * height;
  if (pixels > dataLimits.imagePixels) {
    throw new DataError(at.field, at.file, `declares ${width}×${height} pixels (${formatCount(pixels)}); ` +
      `an image may have at most ${formatCount(dataLimits.imagePixels)} pixels (${dataLimits.imagePixels / 1e6} megapixels).`);
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'PNG') checkInterlacedPngData(buffer, width, height, at);
  try {
    if (format === 'PNG') {
      const png = PNG.sync.read(buffer);
      return { width: png.width, height: png.height, data: png.data };
    }
    return jpeg.decode(buffer, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: dataLimits.imagePixels / 1e6 });
  } catch (error) {
    throw new DataError(at.field, at.file, `is a damaged ${format} image: ${errorMessage(error).replace(/\.$/, '')}.`);
  }
}

/**
 * One training example from an image: the centred square crop (so nothing is stretched), resized
 * to size×size (area average when shrinking, bilinear when enlarging), as [size, size, channels]
 * in [-1, 1]. Transparent pixels become black; grayscale is Rec. 601 luma.
 */
export function imageToExample(image: RgbaImage, size: number, channels: 1 | 3): Float32Array {
  const side = Math.min(image.width, image.height);
  const left = Math.floor((image.width - side) / 2);
  const top = Math.floor((image.height - side) / 2);
  const columns = axisWeights(left, side, size);
  const rows = axisWeights(top, side, size);

  // Horizontal pass over the crop's rows, then a vertical pass: two 1D resamplings.
  const wide = new Float32Array(side * size * channels);
  for (let r = 0; r < side; r++) {
    const rowStart = (top + r) * image.width;
    for (let x = 0; x < size; x++) {
      const { index, weight } = columns[x]!;
      for (let k = 0; k < index.length; k++) {
        addPixel(image.data, (rowStart + index[k]!) * 4, weight[k]!, wide, (r * size + x) * channels, channels);
      }
    }
  }
  const out = new Float32Array(size * size * channels);
  for (let y = 0; y < size; y++) {
    const { index, weight } = rows[y]!;
    for (let k = 0; k < index.length; k++) {
      const from = (index[k]! - top) * size * channels;
      for (let i = 0; i < size * channels; i++) out[y * size * channels + i]! += weight[k]! * wide[from + i]!;
    }
  }
  return out.map(byteToUnit);
}

function addPixel(rgba: Uint8Array, at: number, weight: number, out: Float32Array, to: number, channels: 1 | 3): void {
  const opacity = rgba[at + 3]! / 255;
  const red = rgba[at]! * opacity;
  const green = rgba[at + 1]! * opacity;
  const blue = rgba[at + 2]! * opacity;
  if (channels === 1) {
    out[to]! += weight * (0.299 * red + 0.587 * green + 0.114 * blue);
  } else {
    out[to]! += weight * red;
    out[to + 1]! += weight * green;
    out[to + 2]! += weight * blue;
  }
}

interface Taps {
  readonly index: number[];
  readonly weight: number[];
}

/** For each of `length` outputs, the source indices in [start, start+span) and their weights (sum 1). */
function axisWeights(start: number, span: number, length: number): Taps[] {
  const step = span / length;
  return Array.from({ length }, (_, i) => {
    if (step >= 1) {
      // Area average: each source pixel counts by how much of it the output pixel covers.
      const low = start + i * step;
      const high = low + step;
      const index: number[] = [];
      const weight: number[] = [];
      for (let j = Math.floor(low); j < Math.min(Math.ceil(high), start + span); j++) {
        index.push(j);
        weight.push((Math.min(high, j + 1) - Math.max(low, j)) / step);
      }
      return { index, weight };
    }
    const centre = Math.min(Math.max(start + (i + 0.5) * step - 0.5, start), start + span - 1);
    const before = Math.floor(centre);
    const after = Math.min(before + 1, start + span - 1);
    return { index: [before, after], weight: [1 - (centre - before), centre - before] };
  });
}
