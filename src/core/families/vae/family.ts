import { createOptimizer } from '../../optim/optimizers';
import { Random } from '../../util/random';
import type { Family } from '../family';
import { measuredExamples, reconstructionFigures, reconstructionView } from '../shared/reconstruction';
import { buildVaeNetworks, reconstructMean } from './networks';
import { vaeTrainingPlan } from './plan';

const evaluationSalt = 0x7ae;

/** The plain VAE: an encoder and a decoder, a pixel reconstruction term and a KL term; no discriminator. */
export const vaeFamily: Family = {
  build(config, dataset) {
    if (config.family?.kind !== 'vae') throw new Error(`the vae family built for a ${config.family?.kind ?? 'gan'} config`);
    const section = config.family;
    const networks = buildVaeNetworks(config.model, dataset, config.seed);
    const optimizer = createOptimizer(config.training.generatorOptimizer);
    const { encoder, meanEncoder, decoder, latent } = networks;
    const reconstruct = (x: Parameters<typeof reconstructMean>[1]) => reconstructMean(networks, x);
    return {
      // The decoder is the generator by name: sampling, export and the generator's evaluation read it so.
      checkpointParts: { networks: { generator: decoder, encoder }, optimizers: { generatorOptimizer: optimizer } },
      plan: (streams) => vaeTrainingPlan(networks, dataset, { batchSize: config.training.batchSize, ...section }, optimizer, streams),
      shown: { generator: decoder, latent },
      encoder: meanEncoder,
      views: [reconstructionView(dataset, config.seed, config.samples.count, reconstruct, 'Reconstructions x | decoder(μ(x))')],
      measure: () => reconstructionFigures(config, dataset, measuredExamples(dataset), Random.derive(config.seed, evaluationSalt), reconstruct),
      dispose: () => {
        networks.dispose();
        optimizer.dispose();
      },
    };
  },
};
