import { translatorNetworks } from '../../run/translatorNetworks';
import type { Family } from '../family';
import { adversarialObjective } from '../../objectives/adversarial';
import { createOptimizer } from '../../optim/optimizers';
import { translationFigures } from './evaluation';
import { cycleGanTrainingPlan, type CycleGanContext } from './plan';
import { ImagePool } from './pool';
import { domainShapes } from '../shared/translation/apply';
import { buildCycleGanNetworks, type CycleGanSection } from './translators';
import { criticHistograms, translationView } from './views';

/** CycleGAN: two translators and two patch critics between unpaired domains, held together by cycle consistency. */
export const cycleGanFamily: Family = {
  build(config, dataset) {
    const section = config.family as CycleGanSection;
    const shapes = domainShapes(dataset);
    const networks = buildCycleGanNetworks(section, shapes, config.seed);
    const ctx: CycleGanContext = {
      config, section, dataset, networks,
      objective: adversarialObjective(config.objective),
      pools: { a: new ImagePool(section.poolSize, shapes.a, 'pool_a'), b: new ImagePool(section.poolSize, shapes.b, 'pool_b') },
      generatorOptimizer: createOptimizer(config.training.generatorOptimizer),
      discriminatorOptimizer: createOptimizer(config.training.discriminatorOptimizer),
    };
    const { generatorAB, generatorBA, discriminatorA, discriminatorB } = networks;
    return {
      checkpointParts: {
        networks: { [translatorNetworks.ab]: generatorAB, [translatorNetworks.ba]: generatorBA, discriminatorA, discriminatorB },
        optimizers: { generatorOptimizer: ctx.generatorOptimizer, discriminatorOptimizer: ctx.discriminatorOptimizer },
        buffers: { poolA: ctx.pools.a.images, poolB: ctx.pools.b.images },
      },
      plan: (streams) => cycleGanTrainingPlan(ctx, streams),
      // Sample grids and evaluation show a → b on held-out a: the translator as a generator whose input is an image.
      shown: { generator: generatorAB, latent: { noiseSize: 0, source: { images: dataset.translation!.heldOut.source, domain: 'a' } } },
      translators: { ab: generatorAB, ba: generatorBA },
      histograms: (step, bins) => criticHistograms(step, config.seed, networks, ctx.objective, dataset, bins),
      views: [translationView(dataset, networks, config.seed, config.samples.count)],
      measure: () => translationFigures(config.data, dataset, networks, () => buildCycleGanNetworks(section, shapes, config.seed), config.seed),
      dispose: () => {
        networks.dispose();
        ctx.pools.a.dispose();
        ctx.pools.b.dispose();
        ctx.generatorOptimizer.dispose();
        ctx.discriminatorOptimizer.dispose();
      },
    };
  },
};
