import { Random } from '../util/random';
import { exampleSize, type Dataset } from './dataset';

/** Where a sampler stands: a checkpoint stores this and resumes the exact same index stream. */
export interface SamplerState {
  readonly epoch: number;
  /** Position inside the epoch's permutation, 0 ≤ cursor < count. */
  readonly cursor: number;
}

// Keeps epoch permutations apart from other streams derived from the same run seed.
const samplerSalt = 0x5a3b1e;

/**
 * Shuffled epochs over `count` examples: each epoch visits every index once, batches run across
 * epoch boundaries. Epoch e's order is `Random.derive(seed, salt, e)`, so the state is two integers.
 */
export class EpochSampler {
  private epoch: number;
  private cursor: number;
  private order: Uint32Array;

  constructor(readonly count: number, readonly seed: number, state: SamplerState = { epoch: 0, cursor: 0 }) {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`A sampler needs at least one example, got ${count}.`);
    const { epoch, cursor } = state;
    if (!Number.isInteger(epoch) || epoch < 0 || !Number.isInteger(cursor) || cursor < 0 || cursor >= count) {
      throw new RangeError(`Sampler state {epoch: ${epoch}, cursor: ${cursor}} does not fit a dataset of ${count} examples.`);
    }
    this.epoch = epoch;
    this.cursor = cursor;
    this.order = this.permutation(epoch);
  }

  state(): SamplerState {
    return { epoch: this.epoch, cursor: this.cursor };
  }

  next(batchSize: number): Uint32Array {
    const batch = new Uint32Array(batchSize);
    for (let filled = 0; filled < batchSize;) {
      const take = Math.min(batchSize - filled, this.count - this.cursor);
      batch.set(this.order.subarray(this.cursor, this.cursor + take), filled);
      filled += take;
      this.cursor += take;
      if (this.cursor === this.count) {
        this.epoch++;
        this.cursor = 0;
        this.order = this.permutation(this.epoch);
      }
    }
    return batch;
  }

  private permutation(epoch: number): Uint32Array {
    return Random.derive(this.seed, samplerSalt, epoch).permutation(this.count);
  }
}

/** The examples at `indices`, concatenated (batch-major), ready for a [batch, ...shape] tensor. */
export function gather(dataset: Pick<Dataset, 'values' | 'exampleShape'>, indices: ArrayLike<number>): Float32Array {
  const size = exampleSize(dataset);
  const out = new Float32Array(indices.length * size);
  for (let k = 0; k < indices.length; k++) {
    const from = indices[k]! * size;
    out.set(dataset.values.subarray(from, from + size), k * size);
  }
  return out;
}

export function gatherLabels(dataset: Pick<Dataset, 'labels' | 'description'>, indices: ArrayLike<number>): Int32Array {
  const { labels } = dataset;
  if (!labels) throw new Error(`${dataset.description} has no labels to gather.`);
  return Int32Array.from({ length: indices.length }, (_, k) => labels[indices[k]!]!);
}
