import type { NamedTensorMap, Optimizer, Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';

export interface AppliedGradients {
  /** The loss value (kept; the caller disposes it). */
  readonly loss: Scalar;
  /** Global L2 norm of all gradients (kept; the caller disposes it). */
  readonly norm: Scalar;
}

/**
 * Computes gradients of `loss` for `variables` and applies them. Variables the loss does not touch
 * get zero gradients: TF.js omits them, and optimizers index their state by position, so a gap
 * would shift one variable's momentum onto another.
 */
export function applyGradients(optimizer: Optimizer, loss: () => Scalar, variables: readonly Variable[]): AppliedGradients {
  const { value, grads } = tf.variableGrads(loss, [...variables]);
  const ordered: NamedTensorMap = {};
  for (const variable of variables) ordered[variable.name] = grads[variable.name] ?? tf.zerosLike(variable);
  const norm = tf.tidy(() => tf.sqrt(tf.addN(Object.values(ordered).map((g: Tensor) => tf.sum(tf.square(g))))) as Scalar);
  optimizer.applyGradients(ordered);
  tf.dispose(Object.values(ordered));
  return { loss: value, norm };
}

/** Clips every variable to [−c, c] in place (the original WGAN's Lipschitz constraint). */
export function clipVariables(variables: readonly Variable[], limit: number): void {
  for (const variable of variables) tf.tidy(() => variable.assign(tf.clipByValue(variable, -limit, limit)));
}
