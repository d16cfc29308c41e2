import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import { squaredInputGradientNorms, type Critic } from './inputGradient';
import { meanOf } from './scores';

/**
 * R1 (Mescheder et al. 2018): (γ/2)·E[‖∇ₓD(x)‖²] on real data only, penalising D for a slope
 * where the data is. Differentiable w.r.t. the critic's weights, like the gradient penalty.
 */
export function r1Penalty(critic: Critic, real: Tensor, gamma: number): Scalar {
  return tf.mul(gamma / 2, meanOf(squaredInputGradientNorms(critic, real)));
}

/** Lazy regularization (StyleGAN2): on the steps the penalty is due (every k-th), its multiplier k; none between. */
export function r1ScaleAt(every: number | undefined, step: number): number | undefined {
  const interval = every ?? 1;
  return step % interval === 0 ? interval : undefined;
}

/**
 * A D loss with R1 added when due, scaled by the interval; `parts` gets the unscaled penalty (the
 * chart's value, comparable across intervals). What every family's D step does with R1.
 */
export function withR1(total: Scalar, parts: Record<string, Scalar>, critic: Critic, real: Tensor, gamma: number, scale: number | undefined): Scalar {
  if (scale === undefined) return total;
  const penalty = r1Penalty(critic, real, gamma);
  parts['r1Penalty'] = penalty;
  return tf.add(total, scale === 1 ? penalty : tf.mul(penalty, scale));
}
