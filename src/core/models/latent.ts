import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import type { ModelConfig } from '../config/modelSchema';
import type { Dataset } from '../data/dataset';
import type { CodeSpec } from './codeLayout';
import type { SynthesisInputs } from '../networks/shape';
import { networkShape } from '../networks/shapes';

export type { SynthesisInputs } from '../networks/shape';

/** What the generator takes: noise z, plus class labels (conditional GAN) or codes (InfoGAN), or a source image (a translator). */
export interface LatentSpec {
  /** 0 for a generator that takes no noise (a translator). */
  readonly noiseSize: number;
  /** Standard deviation of z's values (1 when absent). */
  readonly noiseStd?: number;
  /** Conditional GAN: labels are one-hot vectors of `names.length` classes. */
  readonly classes?: { readonly names: readonly string[] };
  readonly codes?: CodeSpec;
  /**
   * A translator's input: an image of the source domain. Grids, evaluation and draws take them from
   * `images` (held-out examples the translator never trained on).
   */
  readonly source?: { readonly images: Dataset; readonly domain: 'a' | 'b' };
  /**
   * A style generator's per-example randomness, one row of `normals` per-pixel noise values then
   * `uniforms` values in [0, 1) (its style-mixing draws): an input rather than drawn inside the
   * graph, so it comes from the run's seeded Random and a resumed run draws what it would have.
   */
  readonly synthesis?: SynthesisInputs;
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
  /** A translator's count source images. */
  readonly source?: SourceImages;
  /** count × (normals + uniforms): a style generator's noise and mixing draws. */
  readonly synthesis?: Float32Array;
}

/** Source images for a translator, example-major, with their labels when the domain has them (what a translation should keep). */
export interface SourceImages {
  readonly values: Float32Array;
  /** One image's shape, [height, width, channels]. */
  readonly shape: readonly number[];
  readonly labels?: Int32Array;
}

/** The same inputs as tensors, for one batch (a type, not an interface, so tf.tidy can return it). */
export type LatentBatch = {
  readonly z: Tensor;
  readonly labels?: Tensor;
  readonly codes?: Tensor;
  readonly source?: Tensor;
  readonly synthesis?: Tensor;
};

/**
 * The latent spec of a model config; `classNames` comes from the data and is needed only for a
 * conditional model, `exampleShape` only for a network kind with synthesis inputs (a style generator).
 */
export function latentSpec(model: ModelConfig, classNames: readonly string[] | undefined, exampleShape?: readonly number[]): LatentSpec {
  if (model.conditional && !classNames?.length) throw new Error('a conditional model needs the data\'s class names');
  const { synthesisInputs } = networkShape(model);
  if (synthesisInputs && !exampleShape) throw new Error(`a ${model.kind} generator's latent spec needs the data's example shape`);
  return {
    noiseSize: model.latentSize,
    ...(model.latentStd !== undefined ? { noiseStd: model.latentStd } : {}),
    ...(model.conditional && classNames ? { classes: { names: classNames } } : {}),
    ...(model.infogan ? { codes: { categorical: model.infogan.categorical, continuous: model.infogan.continuous } } : {}),
    ...(synthesisInputs && exampleShape ? { synthesis: synthesisInputs(model, exampleShape) } : {}),
  };
}

/**
 * The generator's inputs in the order its builder declares them: z, then the labels or the codes,
 * then a style generator's synthesis draws; a translator's, its source image alone.
 */
export function generatorInputs(latent: LatentBatch): Tensor | Tensor[] {
  if (latent.source) return latent.source;
  const inputs = [latent.z, latent.labels ?? latent.codes, latent.synthesis].filter((input) => input !== undefined);
  return inputs.length === 1 ? latent.z : inputs;
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
    ...(values.source ? { source: imageRows(values.source, start, count) } : {}),
    ...(values.synthesis ? { synthesis: rows(values.synthesis) } : {}),
  };
}

/** Rows [start, start + count) of source images as a [count, ...shape] tensor. */
function imageRows(images: SourceImages, start: number, count: number): Tensor {
  const width = images.shape.reduce((a, b) => a * b, 1);
  return tf.tensor(images.values.subarray(start * width, (start + count) * width), [count, ...images.shape]);
}

/** One-hot rows of `width` for class indices. */
export function oneHot(indices: ArrayLike<number>, width: number): Float32Array {
  const out = new Float32Array(indices.length * width);
  for (let i = 0; i < indices.length; i++) out[i * width + indices[i]!] = 1;
  return out;
}
