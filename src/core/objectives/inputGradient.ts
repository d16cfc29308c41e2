import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';

/** A discriminator as a function of its input batch, returning scores of shape [B, 1]. */
export type Critic = (x: Tensor) => Tensor;

/**
 * ‖∇ₓ D(x)‖² per score (shape [B], or [⌈B/m⌉] for a packed D, whose input is a pack of m examples:
 * the norm over the whole pack), the norm taken over all non-batch axes. Summing the scores before
 * differentiating is exact because each score depends on its own examples alone — which is not true
 * of a critic using batch statistics (batch norm in training mode), a known caveat of gradient
 * penalties. tf.grad records its backward ops on any enclosing tape, so the result stays
 * differentiable with respect to the critic's weights (a second-order gradient).
 */
export function squaredInputGradientNorms(critic: Critic, x: Tensor): Tensor {
  let scores = x.shape[0]!;
  const gradient = tf.grad((input: Tensor) => {
    const output = critic(input);
    scores = output.shape[0]!;
    return tf.sum(output);
  })(x);
  const rows = x.shape[0]!;
  const nonBatchAxes = gradient.shape.map((_, axis) => axis).slice(1);
  const perRow = tf.sum(tf.square(gradient), nonBatchAxes);
  // A packed critic: row i belongs to pack ⌊i/m⌋ (penalties are taken in training, whose batches divide by m).
  return scores === rows ? perRow : tf.sum(tf.reshape(perRow, [scores, rows / scores]), 1);
}
