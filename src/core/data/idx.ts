import type { DataConfig } from '../config/dataSchema';
import { DataError } from '../errors';
import { openByteReader, type ByteReader } from './byteReader';
import { resolveDataPath, withDataFile, type DataPath, type OpenDataFile } from './dataFiles';
import { dataLimits, datasetValuesInWords, formatCount } from './dataLimits';
import type { Dataset } from './dataset';
import { byteToUnit } from './images';

export type IdxConfig = Extract<DataConfig, { kind: 'idx' }>;

const unsignedByteType = 0x08;
/** Deflate's best case (258-byte matches in about 2 bits): no gzip file inflates to more than this many times its size. */
const maxDeflateRatio = 1032;

/**
 * MNIST-format images (count×rows×cols) with optional labels, e.g. Fashion-MNIST; .gz or raw. Only
 * the headers and the first `limit` images (and labels) are read, or inflated. `imagesField` names
 * the setting in messages: data.images in a config, a command's option elsewhere.
 */
export async function loadIdx(config: IdxConfig, baseDir: string, imagesField = 'data.images'): Promise<Dataset> {
  const imagesAt = { field: imagesField, file: resolveDataPath(config.images, baseDir) };
  const { total, rows, cols, count, pixels } = await withIdx(imagesAt, 3, async (idx) => {
    const [total, rows, cols] = idx.dims as [number, number, number];
    const count = Math.min(total, config.limit ?? total);
    checkDatasetSize(imagesAt, total, rows, cols, count);
    return { total, rows, cols, count, pixels: await idx.readItems(count) };
  });
  const values = Float32Array.from(pixels, byteToUnit);

  let labelled: Pick<Dataset, 'labels' | 'classNames'> = {};
  if (config.labels) {
    const labelsAt = { field: 'data.labels', file: resolveDataPath(config.labels, baseDir) };
    const labels = await withIdx(labelsAt, 1, (idx) => {
      if (idx.dims[0] !== total) {
        throw new DataError(labelsAt.field, labelsAt.file, `holds ${formatCount(idx.dims[0]!)} labels but ${imagesAt.file} holds ${formatCount(total)} images; the two files must match.`);
      }
      return idx.readItems(count);
    });
    const kept = Int32Array.from(labels);
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

/** An open IDX file past its header: its dimensions, and its leading items on demand. */
interface IdxFile {
  readonly dims: readonly number[];
  /** The first `count` items (count ≤ dims[0]), checked to be all there. */
  readItems(count: number): Promise<Uint8Array>;
}

async function withIdx<T>(at: DataPath, expectedDims: number, use: (idx: IdxFile) => Promise<T>): Promise<T> {
  return withDataFile(at, async (file) => {
    const reader = await openByteReader(file);
    try {
      const headerBytes = 4 + 4 * expectedDims;
      const dims = parseIdxHeader(await reader.read(headerBytes), at, expectedDims);
      checkDeclaredSize(file, reader.compressed, dims, headerBytes);
      const itemBytes = dims.slice(1).reduce((a, b) => a * b, 1);
      return await use({ dims, readItems: (count) => readItems(reader, at, dims, count * itemBytes, count === dims[0]) });
    } finally {
      reader.close();
    }
  });
}

async function readItems(reader: ByteReader, at: DataPath, dims: readonly number[], bytes: number, all: boolean): Promise<Uint8Array> {
  const declared = dims.reduce((a, b) => a * b, 1);
  const data = await reader.read(bytes);
  if (data.length < bytes) {
    throw new DataError(at.field, at.file, `ends after ${formatCount(data.length)} of the ${formatCount(declared)} bytes of data its header announces.`);
  }
  // A raw file's length was checked against its header; a gzip file's only shows once inflated.
  if (all && reader.compressed && (await reader.read(1)).length > 0) {
    throw new DataError(at.field, at.file, `holds more data than its header announces (${dims.join('×')} = ${formatCount(declared)} bytes).`);
  }
  return data;
}

/** The dimensions in an unsigned-byte IDX header (`bytes`: its first 4 + 4 × expectedDims bytes, or fewer if the file is shorter). */
function parseIdxHeader(bytes: Buffer, at: DataPath, expectedDims: number): number[] {
  const expectedMagic = (unsignedByteType << 8) | expectedDims;
  const magic = bytes.length >= 4 ? bytes.readUInt32BE(0) : -1;
  if (magic !== expectedMagic) {
    const found = magic < 0 ? `only ${bytes.length} bytes` : `magic number 0x${hex(magic)}`;
    const what = expectedDims === 3 ? 'images (count×rows×cols)' : 'labels (count)';
    throw new DataError(at.field, at.file, `is not an IDX ${what} file of unsigned bytes: found ${found}, expected magic 0x${hex(expectedMagic)}.`);
  }
  const headerBytes = 4 + 4 * expectedDims;
  if (bytes.length < headerBytes) throw new DataError(at.field, at.file, `ends inside its IDX header (${bytes.length} bytes).`);
  const dims = Array.from({ length: expectedDims }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  if (dims.includes(0)) throw new DataError(at.field, at.file, `holds no data (${dims.join('×')}).`);
  return dims;
}

/** The data the header announces must fit the file: exactly for a raw file, within deflate's best ratio for a gzip one. */
function checkDeclaredSize(file: OpenDataFile, compressed: boolean, dims: readonly number[], headerBytes: number): void {
  const declared = dims.reduce((a, b) => a * b, 1);
  const announced = `${dims.join('×')} = ${formatCount(declared)}`;
  if (!compressed && file.size - headerBytes !== declared) {
    throw new DataError(file.at.field, file.at.file, `has ${formatCount(file.size - headerBytes)} bytes of data but its header announces ${announced}.`);
  }
  if (compressed && headerBytes + declared > file.size * maxDeflateRatio) {
    throw new DataError(file.at.field, file.at.file, `is a gzip file of ${formatCount(file.size)} bytes but its header announces ${announced} bytes; ` +
      `gzip cannot inflate ${formatCount(file.size)} bytes to more than ${formatCount(file.size * maxDeflateRatio)}.`);
  }
}

/** Reading `count` images must stay within `dataLimits.datasetValues`; the message says which `data.limit` would. */
function checkDatasetSize(at: DataPath, total: number, rows: number, cols: number, count: number): void {
  const needed = count * rows * cols;
  if (needed <= dataLimits.datasetValues) return;
  const fit = Math.floor(dataLimits.datasetValues / (rows * cols));
  const advice = fit >= 1 ? `set data.limit to at most ${formatCount(fit)}` : 'a single image is over it';
  throw new DataError(at.field, at.file, `holds ${formatCount(total)} images of ${rows}×${cols}: reading ${formatCount(count)} of them needs ` +
    `${formatCount(needed)} values, over the limit of ${datasetValuesInWords}; ${advice}.`);
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}
