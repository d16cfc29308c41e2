import * as fs from 'node:fs';
import * as path from 'node:path';
import { networkTraits } from '../networks/shapes';
import { findPackageRoot } from '../util/packageRoot';
import { writeJsonAtomic } from '../run/atomicFile';
import { LAYERS_MODEL_FILES, writeLayersModel } from '../run/layersModelFiles';
import { type LatentSpec } from '../models/latent';
import { codeLayout } from '../models/codeLayout';
import type { BackendName } from '../config/trainingSchema';
import { restoreFamily, type RestoredGenerator } from './restore';

/** Where an export's encoder goes, beside the generator's files: <out>/encoder/model.json. */
export const ENCODER_FOLDER = 'encoder';
/** Where a feature extractor (DANN's F) goes: <out>/features/model.json, x → the features its heads read. */
export const FEATURES_FOLDER = 'features';
/** Where a classifier (Triple-GAN's C, DANN's F with its label head) goes: <out>/classifier/model.json, with gan-studio.json naming its classes. */
export const CLASSIFIER_FOLDER = 'classifier';
/** Where a translation family's b → a generator goes: <out>/ba/model.json (a → b is the top-level generator). */
export const REVERSE_TRANSLATOR_FOLDER = 'ba';

/**
 * Exports a run as of its latest checkpoint: its generator, when it has one (the weight average,
 * when kept; a translator's a → b) with gan-studio.json, the encoder or feature extractor of a
 * family that learns one in its own folder, a classifier in `classifier/`, and a translator's b → a in `ba/`.
 */
export async function exportRun(
  runDir: string, outDir: string, backend: BackendName = 'auto', nativeSearchDirs: readonly string[] = [],
): Promise<{ files: string[]; step: number }> {
  const restored = await restoreFamily(runDir, backend, nativeSearchDirs);
  try {
    const { family, dataset, stored, step } = restored;
    const files = family.shown ? await exportGenerator({ generator: family.shown.generator, latent: family.shown.latent, dataset, stored, step }, outDir) : [];
    for (const [folder, model] of [[ENCODER_FOLDER, family.encoder], [FEATURES_FOLDER, family.featureExtractor]] as const) {
      if (!model) continue;
      await writeLayersModel(model, path.join(outDir, folder));
      files.push(path.join(outDir, folder, EXPORT_FILES.model), path.join(outDir, folder, EXPORT_FILES.weights));
    }
    if (family.classifier) {
      const folder = path.join(outDir, CLASSIFIER_FOLDER);
      await writeLayersModel(family.classifier, folder);
      await writeJsonAtomic(path.join(folder, EXPORT_FILES.info), {
        name: stored.config.name, step, configHash: stored.hash,
        input: { name: 'image', shape: [null, ...dataset.exampleShape], range: [-1, 1] },
        output: { shape: [null, dataset.classNames?.length ?? 0], kind: 'logits', classNames: dataset.classNames ?? [] },
      });
      files.push(...[EXPORT_FILES.model, EXPORT_FILES.weights, EXPORT_FILES.info].map((file) => path.join(folder, file)));
    }
    // The reverse translator (b → a) in its own folder; a → b is the shown generator, already at the top.
    const reverse = family.translators?.ba;
    if (reverse && dataset.translation) {
      const folder = path.join(outDir, REVERSE_TRANSLATOR_FOLDER);
      const images = dataset.translation.heldOut.target;
      files.push(...await exportGenerator({ generator: reverse, latent: { noiseSize: 0, source: { images, domain: 'b' } }, dataset: dataset.translation.source, stored, step }, folder));
    }
    return { files, step };
  } finally {
    restored.dispose();
  }
}

export const EXPORT_FILES = { ...LAYERS_MODEL_FILES, info: 'gan-studio.json', layers: 'gan-studio-layers.js' } as const;

/**
 * Writes the generator in TF.js LayersModel format (model.json + weights.bin), loadable with
 * tf.loadLayersModel, plus gan-studio.json saying how to feed it and read its output.
 */
export async function exportGenerator(restored: Omit<RestoredGenerator, 'dispose'>, outDir: string): Promise<string[]> {
  await writeLayersModel(restored.generator, outDir);
  const written = [path.join(outDir, EXPORT_FILES.model), path.join(outDir, EXPORT_FILES.weights)];
  const { stored, dataset, latent, step } = restored;
  const inputs = describeInputs(latent);
  // Only the generator the model kind builds holds its custom layers (a translator's are plain).
  const custom = latent.source ? undefined : networkTraits(stored.config.model).customLayers;
  if (custom) {
    await fs.promises.copyFile(path.join(findPackageRoot(), 'dist', custom.bundle), path.join(outDir, EXPORT_FILES.layers));
    written.push(path.join(outDir, EXPORT_FILES.layers));
  }
  await writeJsonAtomic(path.join(outDir, EXPORT_FILES.info), {
    name: stored.config.name, step, configHash: stored.hash,
    ...(custom ? { customLayers: { file: EXPORT_FILES.layers, load: `require('./${EXPORT_FILES.layers}').${custom.register}(tf), before tf.loadLayersModel` } } : {}),
    // `input` is the noise, for readers of single-input generators; `inputs` lists every input in predict()'s order.
    input: inputs[0], inputs,
    output: { shape: [null, ...dataset.exampleShape], kind: dataset.kind, range: dataset.kind === 'images' ? [-1, 1] : 'normalised data coordinates' },
  });
  written.push(path.join(outDir, EXPORT_FILES.info));
  return written;
}

/** What to feed each generator input, in the order model.predict([...]) takes them. */
function describeInputs(latent: LatentSpec): object[] {
  if (latent.source) {
    const { images, domain } = latent.source;
    return [{ name: 'image', shape: [null, ...images.exampleShape], range: [-1, 1], domain }];
  }
  const std = latent.noiseStd ?? 1;
  const z = { name: 'z', shape: [null, latent.noiseSize], distribution: std === 1 ? 'standard normal' : 'normal', mean: 0, std };
  if (latent.classes) {
    const { names } = latent.classes;
    return [z, { name: 'label', shape: [null, names.length], encoding: 'one-hot', classNames: names }, ...synthesisInput(latent)];
  }
  if (latent.codes) {
    const layout = codeLayout(latent.codes);
    const parts = [
      ...layout.categorical.map(({ offset, size }) => ({ kind: 'categorical', columns: [offset, offset + size], categories: size, encoding: 'one-hot', distribution: 'uniform' })),
      ...latent.codes.continuous.map(({ min, max }, i) => ({ kind: 'continuous', columns: [layout.continuousOffset + i, layout.continuousOffset + i + 1], range: [min, max], distribution: 'uniform' })),
    ];
    return [z, { name: 'codes', shape: [null, layout.width], parts }, ...synthesisInput(latent)];
  }
  return [z, ...synthesisInput(latent)];
}

/** A style generator's last input: per-pixel noise, then the style-mixing draws (read in training only). */
function synthesisInput(latent: LatentSpec): object[] {
  if (!latent.synthesis) return [];
  const { normals, uniforms } = latent.synthesis;
  return [{
    name: 'synthesis_draws', shape: [null, normals + uniforms],
    parts: [
      { kind: 'noise', columns: [0, normals], distribution: 'standard normal', note: 'per-pixel noise, resolution by resolution; zeros give the noise-free image' },
      { kind: 'mixing', columns: [normals, normals + uniforms], distribution: 'uniform [0, 1)', note: 'style-mixing draws, read only in training' },
    ],
  }];
}
