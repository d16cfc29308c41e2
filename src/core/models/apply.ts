import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { Critic } from '../objectives/inputGradient';
import { generatorInputs, type LatentBatch } from './latent';
import { packingOf, packRows, repeatRows } from './packing';

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
 * all-pairs distances on large evaluation batches. A packed D (PacGAN) gives one score per pack of
 * m consecutive examples, so it returns ⌈B/m⌉ scores: means over them are the pack-level losses.
 */
export function criticOf(discriminator: LayersModel, labels: Tensor | undefined, training: boolean, chunk = Infinity): Critic {
  const score = (x: Tensor, rows: Tensor | undefined, packing: number) => {
    const packed = packRows(x, packing);
    return discriminator.apply(rows ? [packed, packRows(rows, packing)] : packed, { training }) as Tensor;
  };
  return (x) => {
    const count = x.shape[0]!;
    const packing = packingOf(discriminator, x);
    // Slices hold whole packs, so each pack's examples are scored together.
    const slice = Number.isFinite(chunk) ? Math.max(packing, chunk - (chunk % packing)) : chunk;
    if (count <= slice) return score(x, labels, packing);
    const parts: Tensor[] = [];
    for (let start = 0; start < count; start += slice) {
      const size = Math.min(slice, count - start);
      parts.push(score(sliceRows(x, start, size), labels && sliceRows(labels, start, size), packing));
    }
    return tf.concat(parts, 0);
  };
}

/**
 * D's score for each example on its own: a packed D reads packs of m copies of it (the plane view's
 * map of D over the plane). The same as criticOf for an unpacked D.
 */
export function pointwiseCriticOf(discriminator: LayersModel, labels: Tensor | undefined, chunk = Infinity): Critic {
  return (x) => {
    const packing = packingOf(discriminator, x);
    const critic = criticOf(discriminator, labels && repeatRows(labels, packing), false, chunk * packing);
    return critic(repeatRows(x, packing));
  };
}

function sliceRows(x: Tensor, start: number, size: number): Tensor {
  return tf.slice(x, [start, ...x.shape.slice(1).map(() => 0)], [size, ...x.shape.slice(1)]);
}
