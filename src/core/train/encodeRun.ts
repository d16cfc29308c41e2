import * as path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs-core';
import { readAndFree } from '../backend/reads';
import { tf } from '../backend/tf';
import type { BackendName } from '../config/trainingSchema';
import type { DataConfig } from '../config/dataSchema';
import type { Dataset } from '../data/dataset';
import { loadDataset } from '../data/load';
import { gather } from '../data/sampler';
import { UserError } from '../errors';
import { classifierSplit } from '../eval/digitSplit';
import { EVALUATION_CHUNK } from '../models/apply';
import { familyKind } from '../families/sections';
import { restoreFamily } from './restore';

/** What to encode: the run's own held-out examples (every 5th of each class), all its data, or other images of the same shape. */
export type EncodeSource =
  | { readonly kind: 'held-out' } | { readonly kind: 'all' }
  | { readonly kind: 'folder'; readonly path: string } | { readonly kind: 'idx'; readonly path: string };

export interface EncodeRequest {
  readonly runDir: string;
  readonly source: EncodeSource;
  readonly backend?: BackendName;
  readonly nativeSearchDirs?: readonly string[];
}

export interface EncodedData {
  readonly step: number;
  /** What was encoded, in words. */
  readonly description: string;
  readonly count: number;
  /** Values per code. */
  readonly width: number;
  /** count × width, example-major. */
  readonly codes: Float32Array;
  /** Each example's index in what was encoded. */
  readonly indices: Uint32Array;
  readonly labels?: Int32Array;
  readonly classNames?: readonly string[];
}

/** The most examples one encode reads: the embedded digits, or a large folder, fit; a runaway source does not. */
export const MAX_ENCODED = 100_000;

/** Codes E(x) of a run's encoder (latest checkpoint) for the examples the source names. */
export async function encodeRun(request: EncodeRequest): Promise<EncodedData> {
  const restored = await restoreFamily(request.runDir, request.backend, request.nativeSearchDirs);
  try {
    const { encoder } = restored.family;
    if (!encoder) {
      const kind = familyKind(restored.stored.config);
      throw new UserError(`${request.runDir} is a ${kind} run, which learns no encoder; encode works on runs of a family with one (bigan)`, request.runDir);
    }
    const dataset = await sourceData(request, restored.dataset);
    const indices = chosen(request.source, dataset);
    const codes: Float32Array[] = [];
    for (let start = 0; start < indices.length; start += EVALUATION_CHUNK) {
      const chunk = indices.subarray(start, start + EVALUATION_CHUNK);
      const [values] = await readAndFree(tf.tidy(() =>
        encoder.apply(tf.tensor(gather(dataset, chunk), [chunk.length, ...dataset.exampleShape]), { training: false }) as Tensor));
      codes.push(values);
    }
    const width = restored.stored.config.model.latentSize;
    const all = new Float32Array(indices.length * width);
    codes.reduce((offset, part) => (all.set(part, offset), offset + part.length), 0);
    const labels = dataset.labels;
    return {
      step: restored.step, description: describe(request.source, dataset), count: indices.length, width, codes: all, indices,
      ...(labels ? { labels: Int32Array.from(indices, (i) => labels[i]!) } : {}),
      ...(dataset.classNames ? { classNames: dataset.classNames } : {}),
    };
  } finally {
    restored.dispose();
  }
}

async function sourceData(request: EncodeRequest, own: Dataset): Promise<Dataset> {
  const { source } = request;
  if (source.kind === 'held-out' || source.kind === 'all') return own;
  const [size, , channels] = own.exampleShape;
  if (own.kind !== 'images' || size === undefined || (channels !== 1 && channels !== 3)) {
    throw new UserError(`${request.runDir} was trained on ${own.description}: only its own data can be encoded, not a ${source.kind}`, request.runDir);
  }
  const absolute = path.resolve(source.path);
  const config: DataConfig = source.kind === 'folder'
    ? { kind: 'folder', path: absolute, size, channels }
    : { kind: 'idx', images: absolute, limit: MAX_ENCODED };
  const dataset = await loadDataset(config, { baseDir: process.cwd(), seed: 0 });
  if (dataset.exampleShape.join('×') !== own.exampleShape.join('×')) {
    throw new UserError(`${source.path} holds ${dataset.exampleShape.join('×')} images, but the run's encoder reads ${own.exampleShape.join('×')}`, source.path);
  }
  return dataset;
}

function chosen(source: EncodeSource, dataset: Dataset): Uint32Array {
  const all = Uint32Array.from({ length: Math.min(dataset.count, MAX_ENCODED) }, (_, i) => i);
  if (source.kind !== 'held-out') return all;
  return dataset.labels ? classifierSplit(dataset.labels).heldOut : all;
}

function describe(source: EncodeSource, dataset: Dataset): string {
  if (source.kind === 'held-out') return dataset.labels ? `the held-out fifth of ${dataset.description}` : `${dataset.description} (no labels, so all of it)`;
  return source.kind === 'all' ? dataset.description : `${dataset.description} from ${source.path}`;
}
