import type { Optimizer, Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../backend/tf';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import { normalTensor } from '../../objectives/draws';
import type { FamilyStreams } from '../family';
import { trainableVariables, type Player, type TrainingPlan } from '../player';
import { tunableWeight } from '../shared/tunableWeight';
import { vaeCatalogue } from './catalogue';
import { drawCode, klDivergence, posterior, summedSquaredError, type VaeNetworks } from './networks';

export interface VaeSettings {
  readonly batchSize: number;
  readonly klWeight: number;
  readonly pixelSigma: number;
}


/**
 * One player, the encoder and decoder together, minimising the negative evidence lower bound:
 * Σ (x − x̃)² / (2σ²) (a Gaussian decoder of fixed σ) + β·KL, both summed per example and
 * averaged over the batch. ε is drawn from the run's stream, so a resume replays it.
 */
export function vaeTrainingPlan(
  networks: VaeNetworks, dataset: Dataset, settings: VaeSettings, optimizer: Optimizer, { random, sampler }: FamilyStreams,
): TrainingPlan {
  const { encoder, decoder, latent } = networks;
  const batch = settings.batchSize;
  const klWeight = tunableWeight('kl', 'KL weight β', settings.klWeight);
  const player: Player = {
    name: 'encoder and decoder',
    metrics: { loss: 'vaeLoss', gradNorm: 'gradNormVae' },
    updates: 1,
    optimizer,
    variables: trainableVariables(encoder, decoder),
    prepare() {
      const x = tf.tensor(gather(dataset, sampler.next(batch)), [batch, ...dataset.exampleShape]);
      const epsilon = normalTensor(random, [batch, latent.noiseSize]);
      return () => {
        const { mean, logVariance } = posterior(encoder, x, true);
        const reconstructed = decoder.apply(drawCode(mean, logVariance, epsilon), { training: true }) as Tensor;
        const reconstruction = tf.div(summedSquaredError(x, reconstructed), 2 * settings.pixelSigma ** 2) as Scalar;
        const kl = klDivergence(mean, logVariance);
        return { total: tf.add(reconstruction, tf.mul(kl, klWeight.get())), parts: { reconstructionLoss: reconstruction, klLoss: kl } };
      };
    },
  };
  return { players: [player], catalogue: vaeCatalogue(), weights: [klWeight] };
}
