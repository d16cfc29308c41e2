import type { GanConfig } from '../config/schema';
import type { Dataset } from '../data/dataset';
import { UserError } from '../errors';
import { nearestModes } from '../eval/modeCoverage';

/**
 * The dataset as a model trains on it: unchanged, except that a conditional model needs classes —
 * the data's own labels, or for a Gaussian mixture each point's nearest mode. Data without either
 * (an image folder without class subfolders: only reading it tells) is the user's to fix.
 */
export function conditionedDataset(config: GanConfig, dataset: Dataset, configFile?: string): Dataset {
  if (!config.model.conditional || (dataset.labels && dataset.classNames?.length)) return dataset;
  if (dataset.mixture) {
    return { ...dataset, labels: nearestModes(dataset.values, dataset.mixture), classNames: dataset.mixture.centers.map((_, mode) => `mode ${mode}`) };
  }
  const where = configFile ? `${configFile}: ` : '';
  const fix = config.data.kind === 'folder' ? 'put each class\'s images in a subfolder named after it' : 'use labelled data';
  throw new UserError(`${where}model.conditional: needs class labels, but ${dataset.description} has none; ${fix}, or remove model.conditional`, configFile);
}
