import * as path from 'node:path';
import { writeJsonAtomic } from '../run/atomicFile';
import { LAYERS_MODEL_FILES, writeLayersModel } from '../run/layersModelFiles';
import { type LatentSpec } from '../models/latent';
import { codeLayout } from '../models/codeLayout';
import type { RestoredGenerator } from './restore';

export const EXPORT_FILES = { ...LAYERS_MODEL_FILES, info: 'gan-studio.json' } as const;

/**
 * Writes the generator in TF.js LayersModel format (model.json + weights.bin), loadable with
 * tf.loadLayersModel, plus gan-studio.json saying how to feed it and read its output.
 */
export async function exportGenerator(restored: RestoredGenerator, outDir: string): Promise<string[]> {
  await writeLayersModel(restored.generator, outDir);
  const written = [path.join(outDir, EXPORT_FILES.model), path.join(outDir, EXPORT_FILES.weights)];
  const { stored, dataset, latent, step } = restored;
  const inputs = describeInputs(latent);
  await writeJsonAtomic(path.join(outDir, EXPORT_FILES.info), {
    name: stored.config.name, step, configHash: stored.hash,
    // `input` is the noise, for readers of single-input generators; `inputs` lists every input in predict()'s order.
    input: inputs[0], inputs,
    output: { shape: [null, ...dataset.exampleShape], kind: dataset.kind, range: dataset.kind === 'images' ? [-1, 1] : 'normalised data coordinates' },
  });
  written.push(path.join(outDir, EXPORT_FILES.info));
  return written;
}

/** What to feed each generator input, in the order model.predict([...]) takes them. */
function describeInputs(latent: LatentSpec): object[] {
  const std = latent.noiseStd ?? 1;
  const z = { name: 'z', shape: [null, latent.noiseSize], distribution: std === 1 ? 'standard normal' : 'normal', mean: 0, std };
  if (latent.classes) {
    const { names } = latent.classes;
    return [z, { name: 'label', shape: [null, names.length], encoding: 'one-hot', classNames: names }];
  }
  if (latent.codes) {
    const layout = codeLayout(latent.codes);
    const parts = [
      ...layout.categorical.map(({ offset, size }) => ({ kind: 'categorical', columns: [offset, offset + size], categories: size, encoding: 'one-hot', distribution: 'uniform' })),
      ...latent.codes.continuous.map(({ min, max }, i) => ({ kind: 'continuous', columns: [layout.continuousOffset + i, layout.continuousOffset + i + 1], range: [min, max], distribution: 'uniform' })),
    ];
    return [z, { name: 'codes', shape: [null, layout.width], parts }];
  }
  return [z];
}
