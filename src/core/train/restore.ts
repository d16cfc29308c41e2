import type { LayersModel } from '@tensorflow/tfjs-layers';
import { initBackend } from '../backend/init';
import type { BackendName } from '../config/trainingSchema';
import type { Dataset } from '../data/dataset';
import { loadDataset } from '../data/load';
import { UserError } from '../errors';
import { buildModels } from '../models';
import type { StoredConfig } from '../run/runWriter';
import { readStoredConfig } from '../run/runReader';
import { latestCheckpoint, loadCheckpoint } from './checkpoint';

export interface RestoredGenerator {
  readonly generator: LayersModel;
  readonly latentSize: number;
  readonly dataset: Dataset;
  readonly stored: StoredConfig;
  /** The step of the checkpoint the weights come from. */
  readonly step: number;
  dispose(): void;
}

/** The generator of a run as of its latest checkpoint, for sampling and export. */
export async function restoreGenerator(
  runDir: string, backend: BackendName = 'auto', nativeSearchDirs: readonly string[] = [],
): Promise<RestoredGenerator> {
  const stored = await readStoredConfig(runDir);
  const checkpoint = await latestCheckpoint(runDir);
  if (!checkpoint) throw new UserError(`${runDir} has no checkpoint yet: train it first (checkpoints.every sets how often one is saved)`, runDir);
  await initBackend(backend, { nativeSearchDirs });
  const dataset = await loadDataset(stored.config.data, { baseDir: process.cwd(), seed: stored.config.seed });
  const models = buildModels(stored.config.model, dataset, stored.config.seed);
  await loadCheckpoint(checkpoint.dir, { generator: models.generator });
  return {
    generator: models.generator, latentSize: models.latentSize, dataset, stored, step: checkpoint.step,
    dispose: () => models.dispose(),
  };
}
