import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import type { AdversarialObjective, DiscriminatorLossParts } from './adversarial';
import { meanOf, rawScores } from './scores';

/** ½·E[(s − target)²]: LSGAN's squared distance of scores from a label (Mao et al. 2017, a=0, b=c=1). */
function halfMeanSquaredDistance(scores: Tensor, target: number): Scalar {
  return tf.mul(0.5, meanOf(tf.square(tf.sub(scores, target))));
}

export const leastSquaresObjective: AdversarialObjective = {
  kind: 'least-squares',
  discriminatorLoss(realScores: Tensor, fakeScores: Tensor, realTarget: number): DiscriminatorLossParts {
    const real = halfMeanSquaredDistance(realScores, realTarget);
    const fake = halfMeanSquaredDistance(fakeScores, 0);
    return { total: tf.add(real, fake), real, fake };
  },
  generatorLoss: (fakeScores: Tensor): Scalar => halfMeanSquaredDistance(fakeScores, 1),
  displayed: rawScores,
  // Scores gather around the labels 0 and 1; the margin shows overshoot on either side.
  histogramRange: [-0.5, 1.5],
};
