import type { GradSaveFunc, Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../backend/tf';

/** The layer's op: identity forward; the gradient to x reversed and scaled by λ, none to λ. */
function reversalOp(...inputs: (Tensor | GradSaveFunc)[]) {
  const [x, weight, save] = inputs as [Tensor, Scalar, GradSaveFunc];
  save([weight]);
  return {
    value: tf.clone(x),
    gradFunc: (dy: Tensor, saved: Tensor[]) => [tf.neg(tf.mul(dy, saved[0]!)), tf.zerosLike(saved[0]!)],
  };
}

/**
 * Ganin et al.'s gradient reversal layer: the identity forward, −λ times the gradient backward.
 * What sits before it (F) descends the loss of what comes after it (the domain head) reversed, so
 * one update trains the head to tell the domains apart and F to make them indistinguishable.
 */
export function reverseGradient(x: Tensor, lambda: Scalar): Tensor {
  // Made per call: the engine's TF.js namespace is set at run time (backend/tf), not at import.
  return tf.customGrad(reversalOp)(x, lambda);
}
