import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import type { ModelConfig } from '../config/modelSchema';
import type { CodeSpec } from './codeLayout';

/** What the generator takes: noise z, plus class labels (conditional GAN) or codes (InfoGAN). */
export interface LatentSpec {
  readonly noiseSize: number;
  /** Standard deviation of z's values (1 when absent). */
  readonly noiseStd?: number;
  /** Conditional GAN: labels are one-hot vectors of `names.length` classes. */
  readonly classes?: { readonly names: readonly string[] };
  readonly codes?: CodeSpec;
}

/** Generator inputs for `count` examples as plain arrays, example-major (fixed sample latents, draws). */
export interface LatentValues {
  readonly count: number;
  /** count × noiseSize normals of standard deviation noiseStd. */
  readonly z: Float32Array;
  /** count × classes, one-hot. */
  readonly labels?: Float32Array;
  /** count × codeWidth: each categorical code one-hot, then each continuous value. */
  readonly codes?: Float32Array;
}

/** The same inputs as tensors, for one batch (a type, not an interface, so tf.tidy can return it). */
export type LatentBatch = {
  readonly z: Tensor;
  readonly labels?: Tensor;
  readonly codes?: Tensor;
};

/** The latent spec of a model config; `classNames` comes from the data and is needed only for a conditional model. */
export function latentSpec(model: ModelConfig, classNames: readonly string[] | undefined): LatentSpec {
  if (model.conditional && !classNames?.length) throw new Error('a conditional model needs the data\'s class names');
  return {
    noiseSize: model.latentSize,
    ...(model.latentStd !== undefined ? { noiseStd: model.latentStd } : {}),
    ...(model.conditional && classNames ? { classes: { names: classNames } } : {}),
    ...(model.infogan ? { codes: { categorical: model.infogan.categorical, continuous: model.infogan.continuous } } : {}),
  };
}

/** The generator's inputs in the order its builder declares them: z, then the labels or the codes. */
export function generatorInputs(latent: LatentBatch): Tensor | Tensor[] {
  const conditioning = latent.labels ?? latent.codes;
  return conditioning ? [latent.z, conditioning] : latent.z;
}

/** Tensors of rows [start, start + count) of `values`. */
export function latentBatch(values: LatentValues, start = 0, count = values.count - start): LatentBatch {
  const rows = (array: Float32Array) => {
    const width = array.length / values.count;
    return tf.tensor2d(array.subarray(start * width, (start + count) * width), [count, width]);
  };
  return {
    z: rows(values.z),
    ...(values.labels ? { labels: rows(values.labels) } : {}),
    ...(values.codes ? { codes: rows(values.codes) } : {}),
  };
}

/** One-hot rows of `width` for class indices. */
export function oneHot(indices: ArrayLike<number>, width: number): Float32Array {
  const out = new Float32Array(indices.length * width);
  for (let i = 0; i < indices.length; i++) out[i * width + indices[i]!] = 1;
  return out;
}
