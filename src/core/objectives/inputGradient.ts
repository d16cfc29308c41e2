import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';

/** A discriminator as a function of its input batch, returning scores of shape [B, 1]. */
export type Critic = (x: Tensor) => Tensor;

/**
 * ‖∇ₓ D(x)‖² per example (shape [B]), the norm taken over all non-batch axes. Summing the scores
 * before differentiating is exact because example i's score depends on example i alone — which is
 * not true of a critic using batch statistics (batch norm in training mode), a known caveat of
 * gradient penalties. tf.grad records its backward ops on any enclosing tape, so the result stays
 * differentiable with respect to the critic's weights (a second-order gradient).
 */
export function squaredInputGradientNorms(critic: Critic, x: Tensor): Tensor {
  const gradient = tf.grad((input: Tensor) => tf.sum(critic(input)))(x);
  const nonBatchAxes = gradient.shape.map((_, axis) => axis).slice(1);
  return tf.sum(tf.square(gradient), nonBatchAxes);
}
