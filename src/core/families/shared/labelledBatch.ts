import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../backend/tf';
import type { Dataset } from '../../data/dataset';
import { gather, gatherLabels } from '../../data/sampler';
import { oneHot } from '../../models/latent';

/** A batch of examples with, when the set has labels, their one-hot labels over `classes` and the class indices. */
export interface LabelledBatch {
  readonly x: Tensor;
  readonly y?: Tensor;
  readonly labels?: Int32Array;
}

/** The examples of `part` at `indices` as a batch tensor, with their one-hot labels when it has them. */
export function labelledBatch(part: Dataset, indices: readonly number[], classes: number): LabelledBatch {
  const count = indices.length;
  const x = tf.tensor(gather(part, indices), [count, ...part.exampleShape]);
  if (!part.labels) return { x };
  const labels = gatherLabels(part, indices);
  return { x, labels, y: tf.tensor2d(oneHot(labels, classes), [count, classes]) };
}

/** Softmax cross-entropy of class logits against one-hot labels, as a scalar. */
export const crossEntropy = (logits: Tensor, oneHotLabels: Tensor): Scalar => tf.losses.softmaxCrossEntropy(oneHotLabels, logits) as Scalar;
