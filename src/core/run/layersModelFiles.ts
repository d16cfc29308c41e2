import * as fs from 'node:fs';
import * as path from 'node:path';
import type { io } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import { makeFolder } from '../util/folders';
import { writeFileAtomic, writeJsonAtomic } from './atomicFile';

/** The file names of a TF.js LayersModel folder as tf.loadLayersModel expects them. */
export const LAYERS_MODEL_FILES = { model: 'model.json', weights: 'weights.bin' } as const;

interface ModelJson {
  readonly modelTopology: object;
  readonly weightsManifest: readonly { readonly paths: readonly string[]; readonly weights: io.WeightsManifestEntry[] }[];
}

/** Writes `model` as model.json + one weights.bin into `dir`; returns the weight bytes written. */
export async function writeLayersModel(model: LayersModel, dir: string): Promise<number> {
  await makeFolder(dir, 'model folder');
  let bytes = 0;
  await model.save(tf.io.withSaveHandler(async (artifacts: io.ModelArtifacts) => {
    const weightData = artifacts.weightData;
    const buffers = weightData === undefined ? [] : Array.isArray(weightData) ? weightData : [weightData];
    const weights = Buffer.concat(buffers.map((buffer) => new Uint8Array(buffer)));
    bytes = weights.byteLength;
    await writeFileAtomic(path.join(dir, LAYERS_MODEL_FILES.weights), weights);
    await writeJsonAtomic(path.join(dir, LAYERS_MODEL_FILES.model), {
      format: 'layers-model',
      generatedBy: artifacts.generatedBy,
      convertedBy: 'GAN Studio',
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: [LAYERS_MODEL_FILES.weights], weights: artifacts.weightSpecs ?? [] }],
    });
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: bytes } };
  }));
  return bytes;
}

/**
 * Loads a LayersModel folder with node's fs and tf.io.fromMemory: TF.js's own loaders want a URL
 * (fetch) or tfjs-node's file:// handler, neither of which the pure-JS backends have in Node.
 */
export async function readLayersModel(dir: string): Promise<LayersModel> {
  const modelFile = path.join(dir, LAYERS_MODEL_FILES.model);
  const parsed = parseModelJson(await fs.promises.readFile(modelFile, 'utf8'), modelFile);
  const weightSpecs = parsed.weightsManifest.flatMap((group) => group.weights);
  const shards = await Promise.all(parsed.weightsManifest.flatMap((group) => group.paths)
    .map((shard) => fs.promises.readFile(path.join(dir, shard))));
  const joined = Buffer.concat(shards);
  const weightData = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: parsed.modelTopology, weightSpecs, weightData }));
}

function parseModelJson(text: string, file: string): ModelJson {
  const value: unknown = JSON.parse(text);
  const candidate = value as Partial<ModelJson> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.modelTopology !== 'object'
    || !Array.isArray(candidate.weightsManifest)) {
    throw new Error(`${file} is not a TF.js LayersModel model.json (no modelTopology / weightsManifest)`);
  }
  return candidate as ModelJson;
}
