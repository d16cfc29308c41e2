import type { LayersModel } from '@tensorflow/tfjs-layers';
import { initBackend } from '../backend/init';
import type { BackendName } from '../config/trainingSchema';
import type { Dataset } from '../data/dataset';
import { loadDataset } from '../data/load';
import { UserError } from '../errors';
import { familyOf } from '../families';
import type { FamilyModel } from '../families/family';
import { familyKind } from '../families/sections';
import type { LatentSpec } from '../models/latent';
import type { StoredConfig } from '../run/runWriter';
import { readStoredConfig } from '../run/runReader';
import { latestCheckpoint, loadCheckpoint } from './checkpoint';
import { conditionedDataset } from './classLabels';

export interface RestoredGenerator {
  readonly generator: LayersModel;
  /** Everything the generator takes: z, and the labels or codes of a conditional or InfoGAN model, or a translator's source image. */
  readonly latent: LatentSpec;
  readonly dataset: Dataset;
  readonly stored: StoredConfig;
  /** The step of the checkpoint the weights come from. */
  readonly step: number;
  dispose(): void;
}

export interface RestoredFamily {
  /** Every network and optimizer of the run's family, as of `step`. */
  readonly family: FamilyModel;
  readonly dataset: Dataset;
  readonly stored: StoredConfig;
  readonly step: number;
  dispose(): void;
}

/** A run's whole family as of its latest checkpoint, for evaluation. */
export async function restoreFamily(
  runDir: string, backend: BackendName = 'auto', nativeSearchDirs: readonly string[] = [],
): Promise<RestoredFamily> {
  const { stored, checkpoint, dataset } = await openCheckpointedRun(runDir, backend, nativeSearchDirs);
  const family = familyOf(stored.config).build(stored.config, dataset);
  try {
    await loadCheckpoint(checkpoint.dir, family.checkpointParts);
  } catch (error) {
    family.dispose();
    throw error;
  }
  return { family, dataset, stored, step: checkpoint.step, dispose: () => family.dispose() };
}

async function openCheckpointedRun(runDir: string, backend: BackendName, nativeSearchDirs: readonly string[]) {
  const stored = await readStoredConfig(runDir);
  const checkpoint = await latestCheckpoint(runDir);
  if (!checkpoint) throw new UserError(`${runDir} has no checkpoint yet: train it first (checkpoints.every sets how often one is saved)`, runDir);
  await initBackend(backend, { nativeSearchDirs });
  const loaded = await loadDataset(stored.config.data, { baseDir: process.cwd(), seed: stored.config.seed });
  return { stored, checkpoint, dataset: conditionedDataset(stored.config, loaded, stored.configFile) };
}

/**
 * The generator of a run as of its latest checkpoint, for sampling and export: the family's shown
 * generator (the weight average, when the run keeps one; a translator's a → b).
 */
export async function restoreGenerator(
  runDir: string, backend: BackendName = 'auto', nativeSearchDirs: readonly string[] = [],
): Promise<RestoredGenerator> {
  const restored = await restoreFamily(runDir, backend, nativeSearchDirs);
  const shown = restored.family.shown;
  if (!shown) {
    restored.dispose();
    throw new UserError(`${runDir} is a ${familyKind(restored.stored.config)} run, which learns no generator: there is nothing to sample (export writes its networks)`, runDir);
  }
  const { generator, latent } = shown;
  return { generator, latent, dataset: restored.dataset, stored: restored.stored, step: restored.step, dispose: restored.dispose };
}
