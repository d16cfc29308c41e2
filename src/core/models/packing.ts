import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { DataShape } from './shape';

// PacGAN (Lin et al. 2018): a packed D reads m examples side by side — concatenated along the last
// axis (a point's coordinates, an image's channels) — and gives the pack one score. Packs are all
// real or all generated, so a generator that drops modes fills its packs with look-alikes.

/** What a packed D reads: m examples joined along the last axis. */
export function packedShape<S extends Pick<DataShape, 'exampleShape'>>(data: S, packing: number): S {
  if (packing === 1) return data;
  const shape = [...data.exampleShape];
  shape[shape.length - 1] = shape.at(-1)! * packing;
  return { ...data, exampleShape: shape };
}

/**
 * How many examples `network` reads per input: its input is that many times as wide, along the
 * last axis, as an example of `example`'s. 1 for every network but a packed discriminator.
 */
export function packingOf(network: LayersModel, example: Tensor): number {
  const width = network.inputs[0]!.shape.at(-1);
  const exampleWidth = example.shape.at(-1)!;
  return typeof width === 'number' && width > exampleWidth && width % exampleWidth === 0 ? width / exampleWidth : 1;
}

/**
 * Rows [B, …, C] → packs [⌈B/m⌉, …, m·C]: rows i·m … i·m + m − 1 make pack i. A batch that does
 * not divide fills its last pack by starting over from its first rows (evaluation batches may not
 * divide; training batches are validated to). Differentiable: each row's gradient comes back.
 */
export function packRows(x: Tensor, packing: number): Tensor {
  if (packing === 1) return x;
  const rows = x.shape[0]!;
  const packs = Math.ceil(rows / packing);
  const filled = packs * packing === rows ? x : tf.gather(x, Array.from({ length: packs * packing }, (_, i) => i % rows));
  const rest = x.shape.slice(1);
  const rank = x.shape.length;
  // [P, m, d1 … dk] → [P, d1 … dk−1, m, dk]: the m examples' values become neighbours along the last axis.
  const grouped = tf.reshape(filled, [packs, packing, ...rest]);
  const perm = [0, ...Array.from({ length: rank - 2 }, (_, axis) => axis + 2), 1, rank];
  return tf.reshape(tf.transpose(grouped, perm), [packs, ...rest.slice(0, -1), rest.at(-1)! * packing]);
}

/** Each row m times in a row, [B, …] → [B·m, …]: packs of copies, so a packed D scores each example alone. */
export function repeatRows(x: Tensor, packing: number): Tensor {
  if (packing === 1) return x;
  const rest = x.shape.slice(1);
  const copies = tf.tile(tf.expandDims(x, 1), [1, packing, ...rest.map(() => 1)]);
  return tf.reshape(copies, [x.shape[0]! * packing, ...rest]);
}
