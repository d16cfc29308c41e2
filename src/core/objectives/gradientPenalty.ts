import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import { squaredInputGradientNorms, type Critic } from './inputGradient';
import { meanOf } from './scores';

// sqrt's derivative is infinite at 0; a critic that is flat at some x̂ would otherwise turn the
// weight gradient into NaN.
const sqrtStabilizer = 1e-12;

/**
 * WGAN-GP (Gulrajani et al. 2017): weight·E[(‖∇D(x̂)‖₂ − 1)²] on x̂ = ε·real + (1 − ε)·fake.
 * `epsilon` holds one U(0,1) draw per example, shaped to broadcast ([B,1] for points, [B,1,1,1]
 * for images); the caller draws it so all randomness stays with the seeded Random. Compute it
 * inside tf.variableGrads / optimizer.computeGradients to train the critic through it.
 */
export function gradientPenalty(critic: Critic, real: Tensor, fake: Tensor, epsilon: Tensor, weight: number): Scalar {
  const interpolates = tf.add(tf.mul(epsilon, real), tf.mul(tf.sub(1, epsilon), fake));
  const norms = tf.sqrt(tf.add(squaredInputGradientNorms(critic, interpolates), sqrtStabilizer));
  return tf.mul(weight, meanOf(tf.square(tf.sub(norms, 1))));
}
