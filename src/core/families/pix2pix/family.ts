import { translatorNetworks } from '../../run/translatorNetworks';
import type { Family } from '../family';
import { adversarialObjective } from '../../objectives/adversarial';
import { createOptimizer } from '../../optim/optimizers';
import { domainShapes } from '../shared/translation/apply';
import { pairFigures } from './evaluation';
import { buildPix2PixNetworks, type Pix2PixSection } from './networks';
import { pix2pixTrainingPlan, type Pix2PixContext } from './plan';
import { pairHistogram, pairsView } from './views';

/** pix2pix: a U-Net G: a → b trained on pairs with L1 and a conditional patch critic. */
export const pix2pixFamily: Family = {
  build(config, dataset) {
    const section = config.family as Pix2PixSection;
    const shapes = domainShapes(dataset);
    const networks = buildPix2PixNetworks(section, shapes, config.seed);
    const { generator, discriminator } = networks;
    const discriminatorOptimizer = discriminator ? createOptimizer(config.training.discriminatorOptimizer) : undefined;
    const ctx: Pix2PixContext = {
      config, section, dataset, networks, objective: adversarialObjective(config.objective),
      generatorOptimizer: createOptimizer(config.training.generatorOptimizer), ...(discriminatorOptimizer ? { discriminatorOptimizer } : {}),
    };
    return {
      checkpointParts: {
        networks: { [translatorNetworks.ab]: generator, ...(discriminator ? { discriminator } : {}) },
        optimizers: { generatorOptimizer: ctx.generatorOptimizer, ...(discriminatorOptimizer ? { discriminatorOptimizer } : {}) },
      },
      plan: (streams) => pix2pixTrainingPlan(ctx, streams),
      // Sample grids and evaluation show G(a) for held-out a: the translator as a generator whose input is an image.
      shown: { generator, latent: { noiseSize: 0, source: { images: dataset.translation!.heldOut.source, domain: 'a' } } },
      translators: { ab: generator },
      ...(discriminator ? { histograms: async (step: number, bins: number) => [await pairHistogram(step, config.seed, networks, ctx.objective, dataset, bins)] } : {}),
      views: [pairsView(dataset, networks, config.seed, config.samples.count)],
      measure: () => pairFigures(config.data, dataset, networks, () => buildPix2PixNetworks(section, shapes, config.seed), config.seed),
      dispose: () => {
        networks.dispose();
        ctx.generatorOptimizer.dispose();
        discriminatorOptimizer?.dispose();
      },
    };
  },
};
