import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import { buildModels, type GanModels } from '../../models';
import { buildClassifier } from '../shared/classifier';
import type { TripleGanSection } from './config';

/** Triple-GAN's networks: the model section's conditional G and D, the classifier C, and the baseline classifier. */
export interface TripleGanNetworks {
  readonly models: GanModels;
  readonly classifier: LayersModel;
  /** C's architecture and initial weights, trained on the labels alone: what C must beat. */
  readonly baseline: LayersModel;
  dispose(): void;
}

// Above the plain GAN's streams (1–5), so the classifier's size leaves G's and D's initial weights unchanged.
const classifierStream = 0x3c1;

export function buildTripleGanNetworks(config: GanConfig, section: TripleGanSection, dataset: Dataset): TripleGanNetworks {
  const models = buildModels(config.model, dataset, config.seed);
  const classes = dataset.classNames!.length;
  const classifier = (name: string) => buildClassifier(section.classifier.channels, dataset.exampleShape, classes, config.seed, classifierStream, name);
  const built = { models, classifier: classifier('classifier'), baseline: classifier('baseline_classifier') };
  return {
    ...built,
    dispose: () => {
      built.models.dispose();
      built.classifier.dispose();
      built.baseline.dispose();
    },
  };
}
