import type { Dir } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { DataConfig } from '../config/dataSchema';
import { DataError } from '../errors';
import { describeKind } from '../util/regularFile';
import { readDataFile, resolveDataPath, type DataPath } from './dataFiles';
import { dataLimits, datasetValuesInWords, formatCount } from './dataLimits';
import type { Dataset } from './dataset';
import { decodeImage, imageExtensions, imageToExample } from './images';

export type FolderConfig = Extract<DataConfig, { kind: 'folder' }>;

const accepted = imageExtensions.join(', ');
const field = 'data.path';
const imageFileLimit = { bytes: dataLimits.imageFileBytes, what: 'an image file' };

/**
 * A folder of images in one of two layouts: images directly inside (unlabelled), or one level of
 * class subfolders (labels are the subfolder names, sorted). Both at once is refused as ambiguous.
 * Hidden entries, files not named as images and subfolders without images are ignored; an image
 * name on anything but a regular file (a FIFO, a link to a device) is refused when it is read.
 */
export async function loadImageFolder(config: FolderConfig, baseDir: string): Promise<Dataset> {
  const folder = resolveDataPath(config.path, baseDir);
  const at = { field, file: folder };
  const budget = { at, remaining: dataLimits.folderEntries };
  const top = await listFolder(folder, budget);
  const classes: { name: string; files: string[] }[] = [];
  for (const name of top.folders) {
    const files = (await listFolder(path.join(folder, name), budget)).images.map((file) => path.join(name, file));
    if (files.length > 0) classes.push({ name, files });
  }

  if (top.images.length > 0 && classes.length > 0) {
    throw new DataError(field, folder, `mixes images (e.g. ${top.images[0]}) with class subfolders (e.g. ${classes[0]!.name}/). ` +
      'Put every image in a class subfolder, or keep them all directly in the folder without subfolders.');
  }
  const files = classes.length > 0 ? classes.flatMap((c) => c.files) : top.images;
  if (files.length === 0) {
    throw new DataError(field, folder, `holds no images: put ${accepted} files in it, or in class subfolders one level down.`);
  }

  const { size, channels } = config;
  const exampleSize = size * size * channels;
  if (files.length * exampleSize > dataLimits.datasetValues) {
    throw new DataError(field, folder, `holds ${formatCount(files.length)} images: at ${size}×${size}×${channels} they need ` +
      `${formatCount(files.length * exampleSize)} values, over the limit of ${datasetValuesInWords}; use fewer images or a smaller data.size.`);
  }
  const values = new Float32Array(files.length * exampleSize);
  for (const [i, relative] of files.entries()) {
    const imageAt = { field, file: path.join(folder, relative) };
    const image = decodeImage(await readDataFile(imageAt, imageFileLimit), imageAt);
    values.set(imageToExample(image, size, channels), i * exampleSize);
  }

  const colour = channels === 1 ? 'grayscale' : 'RGB';
  const classInfo = classes.length > 0 ? `, ${classes.length} classes` : '';
  return {
    description: `image folder ${config.path} (${files.length} images, ${size}×${size} ${colour}${classInfo})`,
    kind: 'images',
    exampleShape: [size, size, channels],
    count: files.length,
    values,
    ...(classes.length > 0 && {
      labels: Int32Array.from(classes.flatMap((c, label) => c.files.map(() => label))),
      classNames: classes.map((c) => c.name),
    }),
  };
}

/** What is left of `dataLimits.folderEntries` for one image folder and its class subfolders; `at.field` names the setting in messages. */
export interface ListingBudget {
  readonly at: DataPath;
  remaining: number;
}

/**
 * Image files and subfolders of `folder`, each sorted by code point so the order is the same
 * everywhere. The listing streams and stops once the budget is spent, so a folder of millions of
 * entries is refused without holding them all.
 */
export async function listFolder(folder: string, budget: ListingBudget): Promise<{ images: string[]; folders: string[] }> {
  let entries: Dir;
  try {
    entries = await fs.opendir(folder, { bufferSize: 256 });
  } catch (error) {
    throw await folderError(folder, (error as NodeJS.ErrnoException).code, budget.at.field);
  }
  const images: string[] = [];
  const folders: string[] = [];
  for await (const entry of entries) {
    if (--budget.remaining < 0) {
      throw new DataError(budget.at.field, budget.at.file, `holds more than ${formatCount(dataLimits.folderEntries)} entries (its class subfolders included); ` +
        `an image folder may hold at most ${formatCount(dataLimits.folderEntries)}.`);
    }
    if (entry.name.startsWith('.')) continue;
    // Follow symbolic links, so a linked class folder counts like a real one.
    const isFolder = entry.isDirectory() || (entry.isSymbolicLink() &&
      await fs.stat(path.join(folder, entry.name)).then((stats) => stats.isDirectory(), () => false));
    if (isFolder) folders.push(entry.name);
    else if (isImageName(entry.name)) images.push(entry.name);
  }
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { images: images.sort(byCodePoint), folders: folders.sort(byCodePoint) };
}

async function folderError(folder: string, code: string | undefined, field: string): Promise<DataError> {
  const kind = code === 'ENOTDIR' ? await fs.stat(folder).then(describeKind, () => undefined) : undefined;
  const reason = code === 'ENOENT' ? 'does not exist'
    : code === 'ENOTDIR' ? (kind ? `is ${kind}, not a folder` : 'is not a folder')
    : `cannot be read (${code ?? 'unknown error'})`;
  return new DataError(field, folder, `${reason}.`);
}

export function isImageName(name: string): boolean {
  return (imageExtensions as readonly string[]).includes(path.extname(name).toLowerCase());
}
