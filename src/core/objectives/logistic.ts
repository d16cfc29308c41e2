import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import type { AdversarialObjective, DiscriminatorLossParts } from './adversarial';
import { meanOf } from './scores';

// The original GAN's D is a classifier on logits l. Its cross-entropy is written with softplus
// (−log σ(l) = softplus(−l), −log(1 − σ(l)) = softplus(l)), which stays finite for any logit where
// log(sigmoid(l)) would give −Infinity once σ rounds to 0 or 1.

/** Binary cross-entropy: real examples towards realTarget, fake towards 0, each averaged over the batch. */
function crossEntropyLoss(realLogits: Tensor, fakeLogits: Tensor, realTarget: number): DiscriminatorLossParts {
  const real = meanOf(tf.add(
    tf.mul(realTarget, tf.softplus(tf.neg(realLogits))),
    tf.mul(1 - realTarget, tf.softplus(realLogits)),
  ));
  const fake = meanOf(tf.softplus(fakeLogits));
  return { total: tf.add(real, fake), real, fake };
}

function probability(logits: Tensor): Tensor {
  return tf.sigmoid(logits);
}

/** G minimises E[log(1 − D(G(z)))] = −E[softplus(l)]: saturates (gradient → 0) when D rejects fakes confidently. */
export const minimaxObjective: AdversarialObjective = {
  kind: 'minimax',
  discriminatorLoss: crossEntropyLoss,
  generatorLoss: (fakeLogits: Tensor): Scalar => tf.neg(meanOf(tf.softplus(fakeLogits))),
  displayed: probability,
  histogramRange: [0, 1],
};

/** G minimises −E[log D(G(z))] = E[softplus(−l)]: strongest gradient exactly where minimax's vanishes. */
export const nonSaturatingObjective: AdversarialObjective = {
  kind: 'non-saturating',
  discriminatorLoss: crossEntropyLoss,
  generatorLoss: (fakeLogits: Tensor): Scalar => meanOf(tf.softplus(tf.neg(fakeLogits))),
  displayed: probability,
  histogramRange: [0, 1],
};
