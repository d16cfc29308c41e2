import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Optimizer, Scalar, Tensor, Variable, io } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { SamplerState } from '../data/sampler';
import type { CheckpointParts } from '../families/player';
import { UserError } from '../errors';
import { writeJsonAtomic } from '../run/atomicFile';
import { checkpointDir, runFiles } from '../run/layout';
import { listStepEntries } from '../run/runReader';

export type { CheckpointParts } from '../families/player';

/** Everything besides weights that an exact resume needs; stored as state.json. */
export interface ResumeState {
  readonly step: number;
  readonly elapsedSeconds: number;
  readonly random: readonly number[];
  readonly sampler: SamplerState;
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
    const blobs: Record<string, Blob> = {};
    for (const [name, model] of Object.entries(parts.networks)) blobs[name] = await encodeModel(model);
    for (const [name, optimizer] of Object.entries(parts.optimizers)) blobs[name] = await encodeOptimizer(optimizer);
    for (const [name, buffer] of Object.entries(parts.buffers ?? {})) blobs[name] = await tf.io.encodeWeights([{ name: 'value', tensor: buffer }]);
    for (const [name, blob] of Object.entries(blobs)) {
      await fs.promises.writeFile(path.join(partialDir, `${name}.bin`), new Uint8Array(blob.data));
    }
    await writeJsonAtomic(path.join(partialDir, 'state.json'), state);
    const specs = Object.fromEntries(Object.entries(blobs).map(([name, blob]) => [name, blob.specs]));
    await writeJsonAtomic(path.join(partialDir, MANIFEST), {
      format: CHECKPOINT_FORMAT, step: state.step, createdAt: new Date().toISOString(), specs,
      topology: Object.fromEntries(Object.entries(parts.networks).map(([name, model]) => [name, topology(model)])),
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

/**
 * Restores the networks, optimizers and buffers given, by name, from a checkpoint saveCheckpoint wrote;
 * returns the resume state. A network whose layers differ from the one saved is refused by name:
 * its weights would load into the wrong places, or fail deep inside TF.js.
 */
export async function loadCheckpoint(dir: string, parts: Partial<CheckpointParts>): Promise<ResumeState> {
  const manifest = JSON.parse(await fs.promises.readFile(path.join(dir, MANIFEST), 'utf8')) as {
    format: number; specs: Record<string, io.WeightsManifestEntry[]>; topology?: Record<string, string>;
  };
  if (manifest.format !== CHECKPOINT_FORMAT) throw new UserError(`${dir}: unsupported checkpoint format ${manifest.format}`, dir);
  const read = async (name: string) => {
    const specs = manifest.specs[name];
    if (!specs) throw new UserError(`${dir}: the checkpoint has no ${name}`, dir);
    const bytes = await fs.promises.readFile(path.join(dir, `${name}.bin`));
    const map = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), specs);
    return specs.map((spec): NamedTensor => ({ name: spec.name, tensor: map[spec.name]! }));
  };
  for (const [name, model] of Object.entries(parts.networks ?? {})) {
    // Checkpoints written before fingerprints were kept have none: their shapes are still checked by setWeights.
    const saved = manifest.topology?.[name];
    if (saved !== undefined && saved !== topology(model)) {
      throw new UserError(`${dir}: the checkpoint's ${name} has other layers than the ${name} this version builds from the run's config; `
        + 'it cannot be resumed or sampled here (start a new run, or use the GAN Studio version that trained it)', dir);
    }
    const weights = await read(name);
    try {
      model.setWeights(weights.map((weight) => weight.tensor));
    } finally {
      tf.dispose(weights.map((weight) => weight.tensor));
    }
  }
  for (const [name, optimizer] of Object.entries(parts.optimizers ?? {})) {
    const weights = await read(name);
    try {
      const saved = weights.filter((weight) => !weight.name.startsWith(BETA_POWER_PREFIX));
      await optimizer.setWeights(saved);
      const powers = betaPowers(optimizer);
      for (const weight of weights) {
        const power = powers?.[weight.name.slice(BETA_POWER_PREFIX.length) as keyof BetaPowers];
        if (weight.name.startsWith(BETA_POWER_PREFIX) && power) power.assign(weight.tensor as Scalar);
      }
    } finally {
      tf.dispose(weights.map((weight) => weight.tensor));
    }
  }
  for (const [name, buffer] of Object.entries(parts.buffers ?? {})) {
    const [saved] = await read(name);
    buffer.assign(saved!.tensor);
    saved!.tensor.dispose();
  }
  return JSON.parse(await fs.promises.readFile(path.join(dir, 'state.json'), 'utf8')) as ResumeState;
}

/** A network's layer kinds and weight shapes, in order, hashed: what its weights' layout depends on. */
function topology(model: LayersModel): string {
  const layers = model.layers.map((layer) => [layer.getClassName(), layer.weights.map((weight) => weight.shape)]);
  return createHash('sha256').update(JSON.stringify(layers)).digest('hex').slice(0, 16);
}

async function encodeModel(model: LayersModel): Promise<Blob> {
  // getWeights() hands out the live variables (not copies): encode, never dispose. Index names
  // keep the order setWeights expects.
  return tf.io.encodeWeights(model.getWeights().map((tensor, i) => ({ name: `w${i}`, tensor })));
}

const BETA_POWER_PREFIX = 'gan-studio/';
interface BetaPowers {
  readonly accBeta1: Variable;
  readonly accBeta2: Variable;
}

/**
 * Adam's running β₁ᵗ and β₂ᵗ. TF.js's setWeights recomputes them as β^(t+1), which differs from the
 * running product in the last bits; saved beside the moments, a resume continues bit for bit.
 */
function betaPowers(optimizer: Optimizer): BetaPowers | undefined {
  const { accBeta1, accBeta2 } = optimizer as unknown as Partial<Record<keyof BetaPowers, unknown>>;
  return accBeta1 instanceof tf.Variable && accBeta2 instanceof tf.Variable ? { accBeta1, accBeta2 } : undefined;
}

async function encodeOptimizer(optimizer: Optimizer): Promise<Blob> {
  const weights = await optimizer.getWeights();
  const powers = betaPowers(optimizer);
  try {
    return await tf.io.encodeWeights([
      ...weights,
      ...(powers ? Object.entries(powers).map(([name, tensor]) => ({ name: BETA_POWER_PREFIX + name, tensor })) : []),
    ]);
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
