import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { DataConfig } from '../config/dataSchema';
import { UserError } from '../errors';
import { findPackageRoot } from '../util/packageRoot';
import type { Dataset } from './dataset';

export type MnistConfig = Extract<DataConfig, { kind: 'mnist' }>;

// Must match scripts/build-mnist.mjs, which documents the format.
const MAGIC = 'GSMN';
const VERSION = 1;
const HEADER_BYTES = 20;
const gunzip = promisify(zlib.gunzip);

export function mnistBinaryPath(root: string = findPackageRoot()): string {
  return path.join(root, 'media', 'generated', 'mnist-digits.bin.gz');
}

/** The embedded digits; stored round-robin by digit, so `limit` keeps every digit represented. */
export async function loadMnist(config: MnistConfig, file: string = mnistBinaryPath()): Promise<Dataset> {
  const raw = await readBinary(file);
  const { count, rows, cols } = readHeader(raw, file);
  const pixelsPerImage = rows * cols;
  const labelsAt = HEADER_BYTES;
  const pixelsAt = labelsAt + count;

  const wanted = new Set(config.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const limit = config.limit ?? count;
  const picked: number[] = [];
  for (let i = 0; i < count && picked.length < limit; i++) {
    if (wanted.has(raw[labelsAt + i]!)) picked.push(i);
  }

  const values = new Float32Array(picked.length * pixelsPerImage);
  const labels = new Int32Array(picked.length);
  picked.forEach((source, k) => {
    labels[k] = raw[labelsAt + source]!;
    const from = pixelsAt + source * pixelsPerImage;
    for (let p = 0; p < pixelsPerImage; p++) values[k * pixelsPerImage + p] = raw[from + p]! / 127.5 - 1;
  });

  const which = config.digits ? `digits ${[...wanted].sort((a, b) => a - b).join(', ')}` : 'all digits';
  return {
    description: `MNIST ${rows}×${cols}, ${which} (${picked.length} images)`,
    kind: 'images',
    exampleShape: [rows, cols, 1],
    count: picked.length,
    values,
    labels,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  };
}

async function readBinary(file: string): Promise<Buffer> {
  let packed: Buffer;
  try {
    packed = await fs.readFile(file);
  } catch {
    throw new UserError(`The embedded MNIST digits are missing (${file}). Run \`npm run build\` to generate them.`, file);
  }
  try {
    return await gunzip(packed);
  } catch {
    throw new UserError(`The embedded MNIST digits in ${file} are corrupt. Run \`npm run build\` to regenerate them.`, file);
  }
}

function readHeader(raw: Buffer, file: string): { count: number; rows: number; cols: number } {
  const valid = raw.length >= HEADER_BYTES && raw.toString('ascii', 0, 4) === MAGIC
    && raw.readUInt32LE(4) === VERSION;
  const count = valid ? raw.readUInt32LE(8) : 0;
  const rows = valid ? raw.readUInt32LE(12) : 0;
  const cols = valid ? raw.readUInt32LE(16) : 0;
  if (!valid || raw.length !== HEADER_BYTES + count * (1 + rows * cols)) {
    throw new UserError(`${file} is not a version ${VERSION} GAN Studio MNIST file. Run \`npm run build\` to regenerate it.`, file);
  }
  return { count, rows, cols };
}
