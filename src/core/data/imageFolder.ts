import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { DataConfig } from '../config/dataSchema';
import { UserError } from '../errors';
import { readDataFile, resolveDataPath } from './dataFiles';
import type { Dataset } from './dataset';
import { decodeImage, imageExtensions, imageToExample } from './images';

export type FolderConfig = Extract<DataConfig, { kind: 'folder' }>;

const accepted = imageExtensions.join(', ');

/**
 * A folder of images in one of two layouts: images directly inside (unlabelled), or one level of
 * class subfolders (labels are the subfolder names, sorted). Both at once is refused as ambiguous.
 * Hidden entries, non-image files and subfolders without images are ignored.
 */
export async function loadImageFolder(config: FolderConfig, baseDir: string): Promise<Dataset> {
  const folder = resolveDataPath(config.path, baseDir);
  const top = await listFolder(folder);
  const classes: { name: string; files: string[] }[] = [];
  for (const name of top.folders) {
    const files = (await listFolder(path.join(folder, name))).images.map((file) => path.join(name, file));
    if (files.length > 0) classes.push({ name, files });
  }

  if (top.images.length > 0 && classes.length > 0) {
    throw new UserError(`${folder} mixes images (e.g. ${top.images[0]}) with class subfolders (e.g. ${classes[0]!.name}/). ` +
      'Put every image in a class subfolder, or keep them all directly in the folder without subfolders.', folder);
  }
  const files = classes.length > 0 ? classes.flatMap((c) => c.files) : top.images;
  if (files.length === 0) {
    throw new UserError(`No images found in ${folder}: put ${accepted} files in it, or in class subfolders one level down.`, folder);
  }

  const { size, channels } = config;
  const exampleSize = size * size * channels;
  const values = new Float32Array(files.length * exampleSize);
  for (const [i, relative] of files.entries()) {
    const file = path.join(folder, relative);
    const image = decodeImage(await readDataFile(file, 'Image'), file);
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

/** Image files and subfolders of `folder`, each sorted by code point so the order is the same everywhere. */
async function listFolder(folder: string): Promise<{ images: string[]; folders: string[] }> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is a file, not a folder'
      : `cannot be read (${code ?? 'unknown error'})`;
    throw new UserError(`Image folder ${folder} ${reason}.`, folder);
  }
  const images: string[] = [];
  const folders: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    // Follow symbolic links, so a linked class folder or image counts like a real one.
    const stats = entry.isSymbolicLink() ? await fs.stat(path.join(folder, entry.name)).catch(() => undefined) : entry;
    if (stats?.isDirectory()) folders.push(entry.name);
    else if (stats?.isFile() && isImageName(entry.name)) images.push(entry.name);
  }
  const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { images: images.sort(byCodePoint), folders: folders.sort(byCodePoint) };
}

function isImageName(name: string): boolean {
  return (imageExtensions as readonly string[]).includes(path.extname(name).toLowerCase());
}
