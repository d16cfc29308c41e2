import type { NamedTensorMap, Optimizer, Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import { float32View } from '../backend/heapViews';
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
  const norm = globalNorm(Object.values(ordered));
  optimizer.applyGradients(ordered);
  tf.dispose(Object.values(ordered));
  return { loss: value, norm };
}

/** The L2 norm of all gradients together: one loop over their values where the backend lends them. */
function globalNorm(gradients: readonly Tensor[]): Scalar {
  const views = gradients.map((gradient) => float32View(gradient));
  if (views.some((view) => view === undefined)) {
    return tf.tidy(() => tf.sqrt(tf.addN(gradients.map((g) => tf.sum(tf.square(g))))) as Scalar);
  }
  let squares = 0;
  for (const view of views as Float32Array[]) for (const value of view) squares += value * value;
  return tf.scalar(Math.sqrt(squares));
}

/** Clips every variable to [−c, c] in place (the original WGAN's Lipschitz constraint). */
export function clipVariables(variables: readonly Variable[], limit: number): void {
  for (const variable of variables) tf.tidy(() => variable.assign(tf.clipByValue(variable, -limit, limit)));
}
