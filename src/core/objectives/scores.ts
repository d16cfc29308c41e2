// Small pieces shared by the objectives.
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';

/** Mean over every element; typed as the Scalar it is (tf.mean's type is rank-generic). */
export function meanOf(x: Tensor): Scalar {
  return tf.mean(x) as Scalar;
}

/** A new tensor equal to `scores`, so `displayed` always hands the caller a tensor it owns. */
export function rawScores(scores: Tensor): Tensor {
  return tf.clone(scores);
}
