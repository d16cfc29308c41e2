import { adversarialObjective } from '../../objectives/adversarial';
import { createOptimizer } from '../../optim/optimizers';
import type { Family } from '../family';
import { buildBiganNetworks } from './networks';
import { biganTrainingPlan, type BiganContext } from './plan';
import { reconstructionView } from '../shared/reconstruction';
import { encoderField, pairHistogram, reconstruct } from './views';
import { encoderFigures } from './evaluation';

/** BiGAN / ALI: G and an encoder E trained together against a discriminator on (x, z) pairs. */
export const biganFamily: Family = {
  build(config, dataset) {
    const networks = buildBiganNetworks(config.model, dataset, config.seed);
    const ctx: BiganContext = {
      config, dataset, networks,
      objective: adversarialObjective(config.objective),
      encoderGeneratorOptimizer: createOptimizer(config.training.generatorOptimizer),
      discriminatorOptimizer: createOptimizer(config.training.discriminatorOptimizer),
    };
    const { generator, encoder, discriminator, latent } = networks;
    return {
      checkpointParts: {
        networks: { generator, encoder, discriminator },
        optimizers: { generatorOptimizer: ctx.encoderGeneratorOptimizer, discriminatorOptimizer: ctx.discriminatorOptimizer },
      },
      plan: (streams) => biganTrainingPlan(ctx, streams),
      shown: { generator, latent },
      encoder,
      histograms: async (step, bins) => [await pairHistogram(step, config.seed, networks, ctx.objective, dataset, bins)],
      field: (step, latents) => encoderField(step, config.seed, networks, ctx.objective, dataset, latents),
      views: [reconstructionView(dataset, config.seed, config.samples.count, (x) => reconstruct(networks, x), 'Reconstructions x | G(E(x))')],
      measure: () => encoderFigures(config, dataset, networks),
      dispose: () => {
        networks.dispose();
        ctx.encoderGeneratorOptimizer.dispose();
        ctx.discriminatorOptimizer.dispose();
      },
    };
  },
};
