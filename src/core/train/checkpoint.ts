import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Optimizer, Tensor, io } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { SamplerState } from '../data/sampler';
import { UserError } from '../errors';
import type { GanModels } from '../models';
import { writeJsonAtomic } from '../run/atomicFile';
import { checkpointDir, runFiles } from '../run/layout';
import { listStepEntries } from '../run/runReader';

/** Everything besides weights that an exact resume needs; stored as state.json. */
export interface ResumeState {
  readonly step: number;
  readonly elapsedSeconds: number;
  readonly random: readonly number[];
  readonly sampler: SamplerState;
}

export interface CheckpointParts {
  readonly generator: LayersModel;
  readonly discriminator: LayersModel;
  /** InfoGAN's Q head (its own layers; the trunk it reads is saved with the discriminator). */
  readonly qHead?: LayersModel;
  /** The average of the generator's weights, when training.generatorEma is on. */
  readonly generatorEma?: LayersModel;
  readonly generatorOptimizer: Optimizer;
  readonly discriminatorOptimizer: Optimizer;
}

/** The networks of a run that a checkpoint holds. */
export function checkpointModels(models: GanModels, generatorEma?: LayersModel): Pick<CheckpointParts, 'generator' | 'discriminator' | 'qHead' | 'generatorEma'> {
  return {
    generator: models.generator, discriminator: models.discriminator,
    ...(models.info ? { qHead: models.info.qHead } : {}),
    ...(generatorEma ? { generatorEma } : {}),
  };
}

const MANIFEST = 'manifest.json';
const CHECKPOINT_FORMAT = 1;
type NamedTensor = Awaited<ReturnType<Optimizer['getWeights']>>[number];
type Blob = { data: ArrayBuffer; specs: io.WeightsManifestEntry[] };

/**
 * Saves models, optimizer state and resume state into checkpoints/step-N. Files go into a
 * `.partial` folder whose manifest is written last, then the folder is renamed into place: a crash
 * at any instant leaves either the whole checkpoint or nothing a loader would pick.
 */
export async function saveCheckpoint(runDir: string, parts: CheckpointParts, state: ResumeState, keepLast: number): Promise<string> {
  const finalDir = path.join(runDir, checkpointDir(state.step));
  const partialDir = `${finalDir}.partial`;
  await fs.promises.rm(partialDir, { recursive: true, force: true });
  await fs.promises.mkdir(partialDir, { recursive: true });
  try {
    const blobs: Record<string, Blob> = {
      generator: await encodeModel(parts.generator),
      discriminator: await encodeModel(parts.discriminator),
      ...(parts.qHead ? { qHead: await encodeModel(parts.qHead) } : {}),
      ...(parts.generatorEma ? { generatorEma: await encodeModel(parts.generatorEma) } : {}),
      generatorOptimizer: await encodeOptimizer(parts.generatorOptimizer),
      discriminatorOptimizer: await encodeOptimizer(parts.discriminatorOptimizer),
    };
    for (const [name, blob] of Object.entries(blobs)) {
      await fs.promises.writeFile(path.join(partialDir, `${name}.bin`), new Uint8Array(blob.data));
    }
    await writeJsonAtomic(path.join(partialDir, 'state.json'), state);
    const specs = Object.fromEntries(Object.entries(blobs).map(([name, blob]) => [name, blob.specs]));
    await writeJsonAtomic(path.join(partialDir, MANIFEST), {
      format: CHECKPOINT_FORMAT, step: state.step, createdAt: new Date().toISOString(), specs,
    });
  } catch (error) {
    // A failed write (a full disk) must not leave a half checkpoint holding the space.
    await fs.promises.rm(partialDir, { recursive: true, force: true });
    throw error;
  }
  await fs.promises.rm(finalDir, { recursive: true, force: true });
  await fs.promises.rename(partialDir, finalDir);
  await pruneCheckpoints(runDir, keepLast);
  return finalDir;
}

/** The newest complete checkpoint of a run, or undefined when it has none. */
export async function latestCheckpoint(runDir: string): Promise<{ step: number; dir: string } | undefined> {
  const entries = await listStepEntries(path.join(runDir, runFiles.checkpoints));
  for (const entry of entries.reverse()) {
    if (fs.existsSync(path.join(entry.path, MANIFEST))) return { step: entry.step, dir: entry.path };
  }
  return undefined;
}

/** Restores the parts given (weights, optimizer state) from a checkpoint saveCheckpoint wrote; returns the resume state. */
export async function loadCheckpoint(dir: string, parts: Partial<CheckpointParts>): Promise<ResumeState> {
  const manifest = JSON.parse(await fs.promises.readFile(path.join(dir, MANIFEST), 'utf8')) as {
    format: number; specs: Record<string, io.WeightsManifestEntry[]>;
  };
  if (manifest.format !== CHECKPOINT_FORMAT) throw new UserError(`${dir}: unsupported checkpoint format ${manifest.format}`, dir);
  const read = async (name: string) => {
    const bytes = await fs.promises.readFile(path.join(dir, `${name}.bin`));
    const specs = manifest.specs[name];
    if (!specs) throw new UserError(`${dir}: the checkpoint has no ${name}`, dir);
    const map = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), specs);
    return specs.map((spec): NamedTensor => ({ name: spec.name, tensor: map[spec.name]! }));
  };
  const restoreModel = async (model: LayersModel, name: string) => {
    const weights = await read(name);
    model.setWeights(weights.map((weight) => weight.tensor));
    tf.dispose(weights.map((weight) => weight.tensor));
  };
  const restoreOptimizer = async (optimizer: Optimizer, name: string) => {
    const weights = await read(name);
    await optimizer.setWeights(weights);
    tf.dispose(weights.map((weight) => weight.tensor));
  };
  if (parts.generator) await restoreModel(parts.generator, 'generator');
  if (parts.generatorEma) await restoreModel(parts.generatorEma, 'generatorEma');
  if (parts.discriminator) await restoreModel(parts.discriminator, 'discriminator');
  if (parts.qHead) await restoreModel(parts.qHead, 'qHead');
  if (parts.generatorOptimizer) await restoreOptimizer(parts.generatorOptimizer, 'generatorOptimizer');
  if (parts.discriminatorOptimizer) await restoreOptimizer(parts.discriminatorOptimizer, 'discriminatorOptimizer');
  return JSON.parse(await fs.promises.readFile(path.join(dir, 'state.json'), 'utf8')) as ResumeState;
}

async function encodeModel(model: LayersModel): Promise<Blob> {
  // getWeights() hands out the live variables (not copies): encode, never dispose. Index names
  // keep the order setWeights expects.
  return tf.io.encodeWeights(model.getWeights().map((tensor, i) => ({ name: `w${i}`, tensor })));
}

async function encodeOptimizer(optimizer: Optimizer): Promise<Blob> {
  const weights = await optimizer.getWeights();
  try {
    return await tf.io.encodeWeights(weights);
  } finally {
    // The optimizer hands out its own variables (keep them) plus a fresh iteration count (free it).
    tf.dispose(weights.map((weight) => weight.tensor).filter((tensor: Tensor) => !(tensor instanceof tf.Variable)));
  }
}

async function pruneCheckpoints(runDir: string, keepLast: number): Promise<void> {
  const folder = path.join(runDir, runFiles.checkpoints);
  const complete = (await listStepEntries(folder)).filter((entry) => fs.existsSync(path.join(entry.path, MANIFEST)));
  const stale = complete.slice(0, Math.max(0, complete.length - keepLast));
  await Promise.all(stale.map((entry) => fs.promises.rm(entry.path, { recursive: true, force: true })));
}
