import * as zlib from 'node:zlib';
import type { DataConfig } from '../config/dataSchema';
import { UserError, errorMessage } from '../errors';
import { readDataFile, resolveDataPath } from './dataFiles';
import type { Dataset } from './dataset';
import { byteToUnit } from './images';

export type IdxConfig = Extract<DataConfig, { kind: 'idx' }>;

/** An IDX array of unsigned bytes: its dimensions and row-major data. */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

const unsignedByteType = 0x08;

/** MNIST-format images (count×rows×cols) with optional labels, e.g. Fashion-MNIST; .gz or raw. */
export async function loadIdx(config: IdxConfig, baseDir: string): Promise<Dataset> {
  const imagesFile = resolveDataPath(config.images, baseDir);
  const images = parseIdx(await readDataFile(imagesFile, 'IDX images file'), imagesFile, 3);
  const [total, rows, cols] = images.dims as [number, number, number];
  if (total * rows * cols === 0) throw new UserError(`${imagesFile} holds no pixels (${total}×${rows}×${cols}).`, imagesFile);
  const count = Math.min(total, config.limit ?? total);
  const values = Float32Array.from(images.data.subarray(0, count * rows * cols), byteToUnit);

  let labelled: Pick<Dataset, 'labels' | 'classNames'> = {};
  if (config.labels) {
    const labelsFile = resolveDataPath(config.labels, baseDir);
    const labels = parseIdx(await readDataFile(labelsFile, 'IDX labels file'), labelsFile, 1);
    if (labels.dims[0] !== total) {
      throw new UserError(
        `${labelsFile} holds ${labels.dims[0]} labels but ${imagesFile} holds ${total} images; the two files must match.`,
        labelsFile);
    }
    const kept = Int32Array.from(labels.data.subarray(0, count));
    const classCount = kept.reduce((max, label) => Math.max(max, label + 1), 0);
    labelled = { labels: kept, classNames: Array.from({ length: classCount }, (_, i) => String(i)) };
  }

  return {
    description: `IDX ${config.images} (${count} images, ${rows}×${cols}${config.labels ? ', labelled' : ''})`,
    kind: 'images',
    exampleShape: [rows, cols, 1],
    count,
    values,
    ...labelled,
  };
}

/** Parses (and gunzips, when the bytes start with the gzip signature) an unsigned-byte IDX file. */
export function parseIdx(bytes: Buffer, file: string, expectedDims: number): IdxArray {
  const raw = isGzip(bytes) ? gunzip(bytes, file) : bytes;
  const expectedMagic = (unsignedByteType << 8) | expectedDims;
  const magic = raw.length >= 4 ? raw.readUInt32BE(0) : -1;
  if (magic !== expectedMagic) {
    const found = magic < 0 ? `only ${raw.length} bytes` : `magic number 0x${hex(magic)}`;
    const what = expectedDims === 3 ? 'images (count×rows×cols)' : 'labels (count)';
    throw new UserError(
      `${file} is not an IDX ${what} file of unsigned bytes: found ${found}, expected magic 0x${hex(expectedMagic)}.`, file);
  }
  const headerBytes = 4 + 4 * expectedDims;
  if (raw.length < headerBytes) throw new UserError(`${file} ends inside its IDX header (${raw.length} bytes).`, file);
  const dims = Array.from({ length: expectedDims }, (_, i) => raw.readUInt32BE(4 + 4 * i));
  const dataBytes = dims.reduce((a, b) => a * b, 1);
  if (raw.length !== headerBytes + dataBytes) {
    throw new UserError(
      `${file} has ${raw.length - headerBytes} bytes of data but its header announces ${dims.join('×')} = ${dataBytes}.`, file);
  }
  return { dims, data: new Uint8Array(raw.buffer, raw.byteOffset + headerBytes, dataBytes) };
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzip(bytes: Buffer, file: string): Buffer {
  try {
    return zlib.gunzipSync(bytes);
  } catch (error) {
    throw new UserError(`${file} looks gzip-compressed but cannot be decompressed: ${errorMessage(error)}.`, file);
  }
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}
