import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import type { AdversarialObjective, DiscriminatorLossParts } from './adversarial';
import { meanOf, rawScores } from './scores';

/**
 * WGAN: the critic maximises E[D(x)] − E[D(G(z))], so it minimises the negation. Its Lipschitz
 * constraint (weight clipping or a gradient penalty) lives with the training loop and regularizers.
 */
export const wassersteinObjective: AdversarialObjective = {
  kind: 'wasserstein',
  discriminatorLoss(realScores: Tensor, fakeScores: Tensor): DiscriminatorLossParts {
    const real = tf.neg(meanOf(realScores));
    const fake = meanOf(fakeScores);
    return { total: tf.add(real, fake), real, fake };
  },
  generatorLoss: (fakeScores: Tensor): Scalar => tf.neg(meanOf(fakeScores)),
  displayed: rawScores,
  // Critic scores have no natural scale, so histograms pick their range from the data.
  histogramRange: undefined,
};
