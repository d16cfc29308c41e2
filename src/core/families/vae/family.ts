import { createOptimizer } from '../../optim/optimizers';
import { Random } from '../../util/random';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import type { Family, FamilyModel } from '../family';
import { measuredExamples, reconstructionFigures, reconstructionView } from '../shared/reconstruction';
import { buildVaeNetworks, reconstructMean, type VaeNetworks } from './networks';
import { vaeTrainingPlan } from './plan';

const evaluationSalt = 0x7ae;

/** What the VAE and VAE-GAN show and measure of their encoder: codes (μ), the reconstructions view, the reconstruction figures. */
export function encoderParts(config: GanConfig, dataset: Dataset, networks: VaeNetworks): Pick<FamilyModel, 'encoder' | 'views' | 'measure'> {
  const reconstruct = (x: Tensor) => reconstructMean(networks, x);
  return {
    encoder: networks.meanEncoder,
    views: [reconstructionView(dataset, config.seed, config.samples.count, reconstruct, 'Reconstructions x | decoder(μ(x))')],
    measure: () => reconstructionFigures(config, dataset, measuredExamples(dataset), Random.derive(config.seed, evaluationSalt), reconstruct),
  };
}

/** The plain VAE: an encoder and a decoder, a pixel reconstruction term and a KL term; no discriminator. */
export const vaeFamily: Family = {
  build(config, dataset) {
    if (config.family?.kind !== 'vae') throw new Error(`the vae family built for a ${config.family?.kind ?? 'gan'} config`);
    const section = config.family;
    const networks = buildVaeNetworks(config.model, dataset, config.seed);
    const optimizer = createOptimizer(config.training.generatorOptimizer);
    const { encoder, decoder, latent } = networks;
    return {
      // The decoder is the generator by name: sampling, export and the generator's evaluation read it so.
      checkpointParts: { networks: { generator: decoder, encoder }, optimizers: { generatorOptimizer: optimizer } },
      plan: (streams) => vaeTrainingPlan(networks, dataset, { batchSize: config.training.batchSize, ...section }, optimizer, streams),
      shown: { generator: decoder, latent },
      ...encoderParts(config, dataset, networks),
      dispose: () => {
        networks.dispose();
        optimizer.dispose();
      },
    };
  },
};
