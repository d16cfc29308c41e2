import type { DataConfig } from '../config/dataSchema';
import type { Dataset } from './dataset';
import { loadIdx } from './idx';
import { loadImageFolder } from './imageFolder';
import { loadMnist } from './mnist';
import { loadDomains } from './domains/load';
import { generateToyDataset } from './toy2d';

export interface LoadOptions {
  /** The config file's folder: relative data paths are resolved against it. */
  readonly baseDir: string;
  /** The run seed; toy distributions are sampled from a stream derived from it. */
  readonly seed: number;
}

/** The dataset a config describes, in memory and normalised to [-1, 1]. */
export async function loadDataset(config: DataConfig, options: LoadOptions): Promise<Dataset> {
  switch (config.kind) {
    case 'mnist': return loadMnist(config);
    case 'folder': return loadImageFolder(config, options.baseDir);
    case 'idx': return loadIdx(config, options.baseDir);
    case 'domains': return loadDomains(config, options.seed, (source) => loadDataset(source, options));
    default: return generateToyDataset(config, options.seed);
  }
}
