import { createOptimizer } from '../../optim/optimizers';
import type { Family } from '../family';
import type { DannSection } from './config';
import { adaptationData } from './data';
import { adaptationFigures } from './evaluation';
import { buildDannNetworks } from './networks';
import { dannTrainingPlan } from './plan';
import { featureViews } from './views';

/** Domain-adversarial training: F learns the source's labels and, against a domain head behind a gradient reversal layer, features the target shares. */
export const dannFamily: Family = {
  build(config, dataset) {
    const section = config.family as DannSection;
    const data = adaptationData(dataset);
    const networks = buildDannNetworks(section, data.source.exampleShape, data.classNames.length, config.seed);
    const optimizers = {
      dann: createOptimizer(section.optimizer),
      sourceOnly: createOptimizer(section.optimizer),
      targetTrained: createOptimizer(section.optimizer),
    };
    const { picture, views } = featureViews(networks.features, data);
    return {
      checkpointParts: {
        networks: {
          classifier: networks.classifier, domainHead: networks.domainHead,
          sourceOnlyClassifier: networks.sourceOnly, targetTrainedClassifier: networks.targetTrained,
        },
        optimizers: { dannOptimizer: optimizers.dann, sourceOnlyOptimizer: optimizers.sourceOnly, targetTrainedOptimizer: optimizers.targetTrained },
      },
      plan: (streams) => dannTrainingPlan({ config, section, data, networks, optimizers }, streams),
      picture,
      views,
      classifier: networks.classifier,
      featureExtractor: networks.features,
      measure: () => adaptationFigures(networks, data),
      dispose: () => {
        networks.dispose();
        for (const optimizer of Object.values(optimizers)) optimizer.dispose();
      },
    };
  },
};
