import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import type { CodeLayout } from '../models/codeLayout';
import { meanOf } from './scores';

/** The weights of IMSAT's three terms on real images. */
export interface RealConsistencyWeights {
  /** The augmentation-consistency cross-entropy. */
  readonly weight: number;
  /** The mean entropy of Q's answer per image (minimised). */
  readonly conditionalEntropy: number;
  /** The entropy of Q's batch-mean answer (maximised). */
  readonly marginalEntropy: number;
}

/** The three terms, unweighted (for the charts), and their weighted sum, the loss. */
export interface RealConsistencyTerms {
  readonly consistency: Scalar;
  readonly conditionalEntropy: Scalar;
  readonly marginalEntropy: Scalar;
  readonly total: Scalar;
}

/** x in the forward pass, no gradient back through it: the target of the consistency term. */
function heldFixed(x: Tensor): Tensor {
  const hold = tf.customGrad((input) => ({ value: tf.clone(input as Tensor), gradFunc: (dy) => tf.zerosLike(dy as Tensor) }));
  return hold(x) as Tensor;
}

/** Entropy (nats) of each row of a probability matrix, from its log-probabilities. */
function rowEntropy(logProbabilities: Tensor): Tensor {
  return tf.neg(tf.sum(tf.mul(tf.exp(logProbabilities), logProbabilities), 1));
}

/**
 * The cross-entropy of the class distribution read from augmented images against the one read from
 * the same images as they are, held fixed (no gradient through the target): answers that do not
 * change under a warp (IMSAT's R_SAT; a Π-model's consistency, Laine & Aila 2017). Mean over the batch.
 */
export function augmentationConsistency(cleanLogits: Tensor, augmentedLogits: Tensor): Scalar {
  const target = heldFixed(tf.softmax(cleanLogits));
  return meanOf(tf.neg(tf.sum(tf.mul(target, tf.logSoftmax(augmentedLogits)), 1)));
}

/**
 * IMSAT's loss (Hu et al. 2017) on Q's categorical logits for real images: R_SAT + λ·H(Y|X) − μ·H(Y).
 * `clean` are Q's parameters on the unaugmented batch, `augmented` on the same images augmented.
 * The consistency term is the cross-entropy of the augmented answer against the clean one held fixed;
 * both entropies are of the clean answers, H(Y) of their batch mean. Summed over categorical codes.
 */
export function realConsistencyLoss(clean: Tensor, augmented: Tensor, layout: CodeLayout, weights: RealConsistencyWeights): RealConsistencyTerms {
  const columns = (x: Tensor, offset: number, size: number) => tf.slice(x, [0, offset], [-1, size]);
  const consistency: Scalar[] = [];
  const conditional: Scalar[] = [];
  const marginal: Scalar[] = [];
  for (const { offset, size } of layout.categorical) {
    const cleanLog = tf.logSoftmax(columns(clean, offset, size));
    consistency.push(augmentationConsistency(columns(clean, offset, size), columns(augmented, offset, size)));
    conditional.push(meanOf(rowEntropy(cleanLog)));
    const meanAnswer = tf.mean(tf.exp(cleanLog), 0);
    marginal.push(tf.neg(tf.sum(tf.mul(meanAnswer, tf.log(tf.add(meanAnswer, 1e-8))))) as Scalar);
  }
  const sum = (terms: Scalar[]) => (terms.length ? tf.addN(terms) : tf.scalar(0)) as Scalar;
  const terms = { consistency: sum(consistency), conditionalEntropy: sum(conditional), marginalEntropy: sum(marginal) };
  const total = tf.addN([
    tf.mul(weights.weight, terms.consistency), tf.mul(weights.conditionalEntropy, terms.conditionalEntropy),
    tf.mul(-weights.marginalEntropy, terms.marginalEntropy),
  ]) as Scalar;
  return { ...terms, total };
}
