import * as fs from 'node:fs';
import * as path from 'node:path';
import type { io } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import { writeFileAtomic, writeJsonAtomic } from '../run/atomicFile';
import type { RestoredGenerator } from './restore';

export const EXPORT_FILES = { model: 'model.json', weights: 'weights.bin', info: 'gan-studio.json' } as const;

/**
 * Writes the generator in TF.js LayersModel format (model.json + weights.bin), loadable with
 * tf.loadLayersModel, plus gan-studio.json saying how to feed it and read its output.
 */
export async function exportGenerator(restored: RestoredGenerator, outDir: string): Promise<string[]> {
  await fs.promises.mkdir(outDir, { recursive: true });
  const written: string[] = [];
  await restored.generator.save(tf.io.withSaveHandler(async (artifacts: io.ModelArtifacts) => {
    const weightData = artifacts.weightData;
    const buffers = weightData === undefined ? [] : Array.isArray(weightData) ? weightData : [weightData];
    const weights = Buffer.concat(buffers.map((buffer) => new Uint8Array(buffer)));
    await writeFileAtomic(path.join(outDir, EXPORT_FILES.weights), weights);
    await writeJsonAtomic(path.join(outDir, EXPORT_FILES.model), {
      format: 'layers-model',
      generatedBy: artifacts.generatedBy,
      convertedBy: 'GAN Studio',
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: [EXPORT_FILES.weights], weights: artifacts.weightSpecs ?? [] }],
    });
    written.push(path.join(outDir, EXPORT_FILES.model), path.join(outDir, EXPORT_FILES.weights));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
  }));
  const { stored, dataset, latentSize, step } = restored;
  await writeJsonAtomic(path.join(outDir, EXPORT_FILES.info), {
    name: stored.config.name, step, configHash: stored.hash,
    input: { name: 'z', shape: [null, latentSize], distribution: 'standard normal' },
    output: { shape: [null, ...dataset.exampleShape], kind: dataset.kind, range: dataset.kind === 'images' ? [-1, 1] : 'normalised data coordinates' },
  });
  written.push(path.join(outDir, EXPORT_FILES.info));
  return written;
}
