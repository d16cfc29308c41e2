import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { BackendName } from '../config/trainingSchema';
import { readDataFile } from '../data/dataFiles';
import { dataLimits } from '../data/dataLimits';
import type { Dataset } from '../data/dataset';
import { isImageName, listFolder } from '../data/imageFolder';
import { decodeImage, imageToExample } from '../data/images';
import { loadIdx } from '../data/idx';
import { UserError } from '../errors';
import { familyKind } from '../families/sections';
import { translatingFamilies } from '../families/rules';
import { translateExamples } from '../families/shared/translation/figures';
import { renderImageGrid } from '../render/grid';
import { makeFolder } from '../util/folders';
import { restoreFamily } from './restore';

export type TranslationDirection = 'ab' | 'ba';

export interface TranslateRequest {
  readonly runDir: string;
  readonly direction: TranslationDirection;
  /** An image file (PNG, JPEG), a folder of them (class subfolders too), or an IDX images file. */
  readonly input: string;
  /** Where the translations go, one PNG per input image, named after it. */
  readonly outDir: string;
  readonly backend?: BackendName;
  readonly nativeSearchDirs?: readonly string[];
}

export interface Translated {
  readonly step: number;
  readonly count: number;
  readonly files: readonly string[];
  /** The direction, in words: "a → b". */
  readonly description: string;
}

/** The most images one translate reads: a large folder fits; a runaway source does not. */
export const MAX_TRANSLATED = 100_000;
const field = '--in';
const CHUNK = 256;

/** Translates images with a run's translator (latest checkpoint) in one direction, writing one PNG per image. */
export async function translateRun(request: TranslateRequest): Promise<Translated> {
  const restored = await restoreFamily(request.runDir, request.backend, request.nativeSearchDirs);
  try {
    const { translators } = restored.family;
    const kind = familyKind(restored.stored.config);
    const { translation } = restored.dataset;
    if (!translators || !translation) {
      throw new UserError(`${request.runDir} is a ${kind} run, which learns no translator; translate works on runs of ${translatingFamilies.join(' or ')}`, request.runDir);
    }
    const translator: LayersModel | undefined = request.direction === 'ab' ? translators.ab : translators.ba;
    if (!translator) throw new UserError(`${request.runDir} is a ${kind} run, which learns a → b only; use --direction ab`, request.runDir);
    const [from, to] = request.direction === 'ab' ? [translation.source, restored.dataset] : [restored.dataset, translation.source];
    const inputs = await readInputs(request.input, from.exampleShape);
    await makeFolder(path.resolve(request.outDir), '--out');
    const files: string[] = [];
    for (let start = 0; start < inputs.count; start += CHUNK) {
      const indices = Array.from({ length: Math.min(CHUNK, inputs.count - start) }, (_, i) => start + i);
      const translated = await translateExamples(translator, inputs, indices);
      const size = translated.length / indices.length;
      for (const [k, index] of indices.entries()) {
        const file = path.join(request.outDir, inputs.names[index]!);
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, renderImageGrid(translated.subarray(k * size, (k + 1) * size), to.exampleShape, { separator: 0, columns: 1 }));
        files.push(file);
      }
    }
    return { step: restored.step, count: inputs.count, files, description: request.direction === 'ab' ? 'a → b' : 'b → a' };
  } finally {
    restored.dispose();
  }
}

/** Images from `input` in the translator's input shape, each with the PNG name its translation gets. */
async function readInputs(input: string, shape: readonly number[]): Promise<Dataset & { readonly names: readonly string[] }> {
  const absolute = path.resolve(input);
  const stats = await fs.stat(absolute).catch(() => undefined);
  if (!stats) throw new UserError(`${field}: ${input} does not exist`, input);
  const [height, width, channels] = shape as [number, number, 1 | 3];
  if (stats.isDirectory() || isImageName(absolute)) {
    if (height !== width) throw new UserError(`${field}: the translator reads ${height}×${width} images; only IDX files of that size can be translated, not image files (they are cropped square)`, input);
    const relative = stats.isDirectory() ? await folderImages(absolute) : [path.basename(absolute)];
    const base = stats.isDirectory() ? absolute : path.dirname(absolute);
    const size = height * width * channels;
    const values = new Float32Array(relative.length * size);
    for (const [i, name] of relative.entries()) {
      const at = { field, file: path.join(base, name) };
      values.set(imageToExample(decodeImage(await readDataFile(at, { bytes: dataLimits.imageFileBytes, what: 'an image file' }), at), height, channels), i * size);
    }
    return { description: input, kind: 'images', exampleShape: shape, count: relative.length, values, names: relative.map(pngName) };
  }
  const idx = await loadIdx({ kind: 'idx', images: absolute, limit: MAX_TRANSLATED }, process.cwd(), field);
  if (idx.exampleShape.join('×') !== shape.join('×')) {
    throw new UserError(`${field}: ${input} holds ${idx.exampleShape.join('×')} images, but the translator reads ${shape.join('×')}`, input);
  }
  const digits = String(idx.count - 1).length;
  return { ...idx, names: Array.from({ length: idx.count }, (_, i) => `${String(i).padStart(digits, '0')}.png`) };
}

/** Image files directly in the folder and in its subfolders one level down, as relative paths. */
async function folderImages(folder: string): Promise<string[]> {
  const budget = { at: { field, file: folder }, remaining: dataLimits.folderEntries };
  const top = await listFolder(folder, budget);
  const nested: string[] = [];
  for (const name of top.folders) nested.push(...(await listFolder(path.join(folder, name), budget)).images.map((file) => path.join(name, file)));
  const all = [...top.images, ...nested];
  if (all.length === 0) throw new UserError(`${field}: ${folder} holds no PNG or JPEG images (directly, or in subfolders one level down)`, folder);
  if (all.length > MAX_TRANSLATED) throw new UserError(`${field}: ${folder} holds ${all.length} images; translate at most ${MAX_TRANSLATED} at a time`, folder);
  return all;
}

function pngName(name: string): string {
  return `${name.slice(0, name.length - path.extname(name).length)}.png`;
}
