import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import type { CodeLayout } from '../models/codeLayout';
import { meanOf } from './scores';

/** λ for the categorical and for the continuous codes. */
export interface InfoWeights {
  readonly categorical: number;
  readonly continuous: number;
}

const halfLogTwoPi = 0.5 * Math.log(2 * Math.PI);
/**
 * Q's log-std is held to [−2.5, 2.5] (σ from 0.08 to 12): once Q predicts a code almost exactly, an
 * unbounded σ → 0 would send the likelihood, and G's gradient through it, to infinity.
 */
const LOG_STD_LIMIT = 2.5;

/**
 * InfoGAN's −log Q(c | G(z, c)), the variational bound on the mutual information, averaged over
 * the batch: the cross-entropy of Q's logits for each categorical code plus the Gaussian negative
 * log-likelihood of each continuous code under Q's mean and log-std, weighted by their λ. Training
 * G and Q to lower it makes G's output carry its codes. `parameters` is Q's output (B×parameterWidth),
 * `codes` the c that made the batch (B×width).
 */
export function mutualInformationLoss(parameters: Tensor, codes: Tensor, layout: CodeLayout, weights: InfoWeights): Scalar {
  const columns = (x: Tensor, offset: number, size: number) => tf.slice(x, [0, offset], [-1, size]);
  const terms: Scalar[] = layout.categorical.map(({ offset, size }) => {
    const logProbabilities = tf.logSoftmax(columns(parameters, offset, size));
    return tf.mul(weights.categorical, meanOf(tf.neg(tf.sum(tf.mul(columns(codes, offset, size), logProbabilities), 1))));
  });
  const continuous = layout.width - layout.continuousOffset;
  if (continuous > 0) {
    const values = columns(codes, layout.continuousOffset, continuous);
    const mean = columns(parameters, layout.continuousOffset, continuous);
    const logStd = tf.clipByValue(columns(parameters, layout.width, continuous), -LOG_STD_LIMIT, LOG_STD_LIMIT);
    const standardised = tf.div(tf.sub(values, mean), tf.exp(logStd));
    const negativeLogLikelihood = tf.add(tf.add(logStd, halfLogTwoPi), tf.mul(0.5, tf.square(standardised)));
    // Summed over codes, averaged over the batch: one −log Q per example, as for the categorical codes.
    terms.push(tf.mul(weights.continuous, meanOf(tf.sum(negativeLogLikelihood, 1))));
  }
  return terms.length ? tf.addN(terms) as Scalar : tf.scalar(0);
}
