import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import type { AdversarialObjective, DiscriminatorLossParts } from './adversarial';
import { meanOf, rawScores } from './scores';

/** Hinge loss (Lim & Ye 2017): D stops pushing once real scores pass +1 and fake scores pass −1. */
export const hingeObjective: AdversarialObjective = {
  kind: 'hinge',
  discriminatorLoss(realScores: Tensor, fakeScores: Tensor): DiscriminatorLossParts {
    const real = meanOf(tf.relu(tf.sub(1, realScores)));
    const fake = meanOf(tf.relu(tf.add(1, fakeScores)));
    return { total: tf.add(real, fake), real, fake };
  },
  generatorLoss: (fakeScores: Tensor): Scalar => tf.neg(meanOf(fakeScores)),
  displayed: rawScores,
  // The margins sit at ±1; the range shows where scores fall around them.
  histogramRange: [-3, 3],
};
