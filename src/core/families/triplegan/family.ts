import { UserError } from '../../errors';
import { adversarialObjective } from '../../objectives/adversarial';
import { createOptimizer } from '../../optim/optimizers';
import type { Family } from '../family';
import { discriminatorHistogram } from '../gan/histogram';
import type { TripleGanSection } from './config';
import { classifierFigures } from './evaluation';
import { buildTripleGanNetworks } from './networks';
import { tripleGanTrainingPlan, type TripleGanContext } from './plan';
import { semiSupervisedSplit } from './split';

// D's real data are the labelled pairs: the card says so.
const labelledPairsKey = { view: 'discriminator', title: 'D outputs: labelled pairs vs G\'s pairs', realLabel: 'D(x, y), labelled', fakeLabel: 'D(G(z, y), y), generated' };

/** Triple-GAN: a conditional G and D with a classifier C as the third player, on a few labels and many unlabelled examples. */
export const tripleGanFamily: Family = {
  build(config, dataset) {
    const section = config.family as TripleGanSection;
    if (!dataset.labels || !dataset.classNames?.length) {
      throw new UserError(`family.kind triple-gan: ${dataset.description} has no class labels; use a folder with one subfolder per class, or idx with labels`);
    }
    const split = semiSupervisedSplit(dataset, section.labelsPerClass, config.seed);
    if (split.unlabelled.count === 0) {
      throw new UserError(`family.labelsPerClass: ${section.labelsPerClass} per class keeps every training label (${split.labelled.count}), `
        + 'leaving nothing unlabelled to learn from; keep fewer');
    }
    const networks = buildTripleGanNetworks(config, section, dataset);
    const optimizers = {
      discriminator: createOptimizer(config.training.discriminatorOptimizer),
      generator: createOptimizer(config.training.generatorOptimizer),
      classifier: createOptimizer(section.classifierOptimizer),
      baseline: createOptimizer(section.classifierOptimizer),
    };
    const objective = adversarialObjective(config.objective);
    const ctx: TripleGanContext = { config, section, split, networks, objective, optimizers };
    const { models, classifier, baseline } = networks;
    return {
      checkpointParts: {
        networks: { generator: models.generator, discriminator: models.discriminator, classifier, baselineClassifier: baseline },
        optimizers: {
          generatorOptimizer: optimizers.generator, discriminatorOptimizer: optimizers.discriminator,
          classifierOptimizer: optimizers.classifier, baselineOptimizer: optimizers.baseline,
        },
      },
      plan: (streams) => tripleGanTrainingPlan(ctx, streams),
      shown: { generator: models.generator, latent: models.latent },
      classifier,
      histograms: async (step, bins) => [await discriminatorHistogram(step, config.seed, models, objective, split.labelled, bins, labelledPairsKey)],
      views: [],
      measure: () => classifierFigures(networks, split, section.labelsPerClass),
      dispose: () => {
        networks.dispose();
        for (const optimizer of Object.values(optimizers)) optimizer.dispose();
      },
    };
  },
};
