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
