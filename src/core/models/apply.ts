import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { Critic } from '../objectives/inputGradient';
import { generatorInputs, type LatentBatch } from './latent';

/**
 * Examples per discriminator call in evaluation: a per-example network scores the same at any chunk
 * size, and minibatch discrimination's all-pairs distances stay small in memory.
 */
export const EVALUATION_CHUNK = 256;

/** G's output for a batch of latents (z, and the labels or codes of a conditional or InfoGAN model). */
export function generate(generator: LayersModel, latent: LatentBatch, training: boolean): Tensor {
  return generator.apply(generatorInputs(latent), { training }) as Tensor;
}

/**
 * D as losses, penalties and views call it: a function of the input batch alone, with the labels of
 * a conditional model bound in (row i of `labels` goes with example i). With `chunk`, inputs go
 * through in slices of at most that many, bounding the memory of minibatch discrimination's
 * all-pairs distances on large evaluation batches.
 */
export function criticOf(discriminator: LayersModel, labels: Tensor | undefined, training: boolean, chunk = Infinity): Critic {
  const score = (x: Tensor, rows: Tensor | undefined) => discriminator.apply(rows ? [x, rows] : x, { training }) as Tensor;
  return (x) => {
    const count = x.shape[0]!;
    if (count <= chunk) return score(x, labels);
    const parts: Tensor[] = [];
    for (let start = 0; start < count; start += chunk) {
      const size = Math.min(chunk, count - start);
      parts.push(score(sliceRows(x, start, size), labels && sliceRows(labels, start, size)));
    }
    return tf.concat(parts, 0);
  };
}

function sliceRows(x: Tensor, start: number, size: number): Tensor {
  return tf.slice(x, [start, ...x.shape.slice(1).map(() => 0)], [size, ...x.shape.slice(1)]);
}
