import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import { discriminatorField } from '../../eval/field';
import { buildModels } from '../../models';
import { networkBuilder } from '../../networks/builders';
import { discriminatorHistogram } from './histogram';
import type { Family, FamilyModel } from '../family';
import { ganCheckpointParts, stepContext } from './context';
import { GeneratorEma } from './generatorEma';
import { ganTrainingPlan } from './plan';

/** One generator against one discriminator, with every objective, regularizer and variant of the config. */
export const ganFamily: Family = {
  build(config: GanConfig, dataset: Dataset): FamilyModel {
    const models = buildModels(config.model, dataset, config.seed);
    const ctx = stepContext(config, models);
    const generatorEma = GeneratorEma.create(config, dataset, models.generator);
    // Samples and evaluation show the weight average when the run keeps one; D's histograms and the
    // plane stay on the generator being trained for the game itself, and the plane's points on the shown one.
    const shown = { generator: generatorEma?.model ?? models.generator, latent: models.latent };
    // The network kind's own pictures and figures (a style generator's mixing grid), of the shown generator.
    const extras = networkBuilder(config.model).extras?.(config.model, shown.generator, shown.latent, dataset, config.seed, config.data.kind === 'mnist');
    return {
      checkpointParts: ganCheckpointParts(models, ctx, generatorEma?.model),
      plan: (streams) => ganTrainingPlan({ config, dataset, models, ctx, generatorEma, ...streams }),
      shown,
      histograms: async (step, bins) => [await discriminatorHistogram(step, config.seed, models, ctx.objective, dataset, bins)],
      field: (step, latents) => discriminatorField(step, config.seed, { ...models, generator: shown.generator },
        ctx.objective, dataset, latents.z, latents),
      views: extras?.views ?? [],
      ...(extras?.measure ? { measure: extras.measure } : {}),
      dispose: () => {
        models.dispose();
        generatorEma?.dispose();
        ctx.generatorOptimizer.dispose();
        ctx.discriminatorOptimizer.dispose();
      },
    };
  },
};
