import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { loadIdx } from '../../src/core/data/idx';
import { loadImageFolder } from '../../src/core/data/imageFolder';
import { imageToExample } from '../../src/core/data/images';
import { loadDataset } from '../../src/core/data/load';
import { idxBytes as idx, namesFile } from './support/hostileData';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-images-'));
after(() => fs.rmSync(temp, { recursive: true, force: true }));

type Rgba = readonly [number, number, number, number];

/** Pixels from a function of (x, y), as RGBA bytes. */
function pixels(width: number, height: number, colour: (x: number, y: number) => Rgba): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colour(x, y), (y * width + x) * 4);
  return data;
}

function pngBytes(width: number, height: number, colour: (x: number, y: number) => Rgba): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.from(pixels(width, height, colour));
  return PNG.sync.write(png);
}

function write(relative: string, bytes: Uint8Array | string): string {
  const file = path.join(temp, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}

const red: Rgba = [255, 0, 0, 255];
const blue: Rgba = [0, 0, 255, 255];
const folder = (dir: string, size = 4, channels: 1 | 3 = 3) =>
  ({ kind: 'folder', path: dir, size, channels }) as const;

test('class subfolders give sorted labels; PNG and JPEG are resized to size×size RGB', async () => {
  write('classes/dogs/c.png', pngBytes(6, 4, () => blue));
  write('classes/cats/a.png', pngBytes(8, 8, () => red));
  write('classes/cats/b.jpg', jpeg.encode({ width: 16, height: 16, data: pixels(16, 16, () => red) }, 100).data);
  write('classes/cats/notes.txt', 'not an image');
  fs.mkdirSync(path.join(temp, 'classes/empty'), { recursive: true });
  write('classes/.cache/x.png', pngBytes(2, 2, () => red));

  const data = await loadDataset(folder('classes'), { baseDir: temp, seed: 0 });
  assert.equal(data.count, 3);
  assert.deepEqual(data.exampleShape, [4, 4, 3]);
  assert.equal(data.values.length, 3 * 4 * 4 * 3);
  assert.deepEqual(data.classNames, ['cats', 'dogs']);
  assert.deepEqual([...data.labels!], [0, 0, 1]);
  const pixel = (n: number, p: number) => [...data.values.subarray(n * 48 + p * 3, n * 48 + p * 3 + 3)];
  assert.deepEqual(pixel(0, 5), [1, -1, -1]);
  pixel(1, 5).forEach((v, c) => assert.ok(Math.abs(v - [1, -1, -1][c]!) < 0.05, `JPEG channel ${c}: ${v}`));
  assert.deepEqual(pixel(2, 15), [-1, -1, 1]);
});

test('a flat folder is unlabelled; channels 1 gives luma', async () => {
  write('flat/one.png', pngBytes(3, 3, () => red));
  write('flat/two.PNG', pngBytes(5, 5, () => [255, 255, 255, 255]));
  const data = await loadImageFolder(folder('flat', 2, 1), temp);
  assert.deepEqual(data.exampleShape, [2, 2, 1]);
  assert.equal(data.labels, undefined);
  assert.ok(Math.abs(data.values[0]! - (0.299 * 255 / 127.5 - 1)) < 1e-5);
  assert.deepEqual([...data.values.subarray(4)], [1, 1, 1, 1]);
});

test('resizing: area average when shrinking, bilinear when enlarging, centre crop, alpha over black', () => {
  const halves = { width: 4, height: 4, data: pixels(4, 4, (x) => (x < 2 ? [255, 255, 255, 255] : [0, 0, 0, 255])) };
  assert.deepEqual([...imageToExample(halves, 2, 1)], [1, -1, 1, -1]);
  const thirds = { width: 3, height: 1, data: pixels(3, 1, (x) => (x === 0 ? [255, 255, 255, 255] : [0, 0, 0, 255])) };
  // A 1-pixel crop of the middle column (black).
  assert.deepEqual([...imageToExample(thirds, 1, 1)], [-1]);

  const ramp = { width: 2, height: 2, data: pixels(2, 2, (x) => (x === 0 ? [0, 0, 0, 255] : [255, 255, 255, 255])) };
  const row = [...imageToExample(ramp, 4, 1).subarray(0, 4)].map((v) => (v + 1) * 127.5);
  [0, 63.75, 191.25, 255].forEach((expected, x) => assert.ok(Math.abs(row[x]! - expected) < 1e-3, `x=${x}: ${row[x]}`));

  const wide = { width: 6, height: 2, data: pixels(6, 2, (x) => (x === 2 || x === 3 ? [255, 255, 255, 255] : [0, 0, 0, 255])) };
  assert.deepEqual([...imageToExample(wide, 2, 1)], [1, 1, 1, 1]);
  const seeThrough = { width: 1, height: 1, data: Uint8Array.from([255, 255, 255, 0]) };
  assert.deepEqual([...imageToExample(seeThrough, 1, 3)], [-1, -1, -1]);
});

test('folder errors are UserErrors naming the folder or file at fault', async () => {
  const missing = path.join(temp, 'missing');
  await assert.rejects(loadImageFolder(folder('missing'), temp), namesFile(missing, /does not exist/));
  const notFolder = write('plain.txt', 'hello');
  await assert.rejects(loadImageFolder(folder('plain.txt'), temp), namesFile(notFolder, /not a folder/));
  fs.mkdirSync(path.join(temp, 'empty'));
  write('empty/readme.md', '# nothing');
  await assert.rejects(loadImageFolder(folder('empty'), temp), namesFile(path.join(temp, 'empty'), /\.png, \.jpg, \.jpeg/));

  const truncated = write('corrupt/bad.png', pngBytes(4, 4, () => red).subarray(0, 40));
  await assert.rejects(loadImageFolder(folder('corrupt'), temp), namesFile(truncated, /damaged PNG/));
  fs.rmSync(truncated);
  const impostor = write('corrupt/text.jpg', 'just text');
  await assert.rejects(loadImageFolder(folder('corrupt'), temp), namesFile(impostor, /not a PNG or JPEG/));

  write('mixed/loose.png', pngBytes(2, 2, () => red));
  write('mixed/cats/a.png', pngBytes(2, 2, () => red));
  await assert.rejects(loadImageFolder(folder('mixed'), temp), namesFile(path.join(temp, 'mixed'), /mixes images \(e\.g\. loose\.png\) with class subfolders \(e\.g\. cats\/\)/));
});

test('IDX images (gzipped or raw) with labels load, honour limit, and scale to [-1, 1]', async () => {
  write('idx/images.gz', zlib.gzipSync(idx([3, 2, 2], [0, 255, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0])));
  write('idx/labels', idx([3], [4, 0, 9]));
  const data = await loadIdx({ kind: 'idx', images: 'idx/images.gz', labels: 'idx/labels' }, temp);
  assert.deepEqual([data.count, ...data.exampleShape], [3, 2, 2, 1]);
  assert.deepEqual([...data.values], [-1, 1, -1, 1, 1, 1, 1, 1, -1, -1, -1, -1]);
  assert.deepEqual([...data.labels!], [4, 0, 9]);
  assert.equal(data.classNames!.length, 10);

  const limited = await loadIdx({ kind: 'idx', images: 'idx/images.gz', labels: 'idx/labels', limit: 2 }, temp);
  assert.deepEqual([limited.count, limited.values.length, ...limited.labels!], [2, 8, 4, 0]);
  write('idx/raw-images', idx([1, 1, 3], [0, 51, 255]));
  const unlabelled = await loadIdx({ kind: 'idx', images: 'idx/raw-images' }, temp);
  assert.deepEqual([unlabelled.labels, unlabelled.values[1]], [undefined, Math.fround(51 / 127.5 - 1)]);
});

test('IDX errors name the file: bad magic, wrong size, label count mismatch, missing file', async () => {
  const load = (images: string, labels?: string) => loadIdx({ kind: 'idx', images, ...(labels && { labels }) }, temp);
  const labelsAsImages = write('idx-bad/labels-not-images', idx([2], [1, 2]));
  await assert.rejects(load('idx-bad/labels-not-images'), namesFile(labelsAsImages, /magic 0x00000803/));
  const short = write('idx-bad/short', idx([2, 2, 2], [1, 2, 3]));
  await assert.rejects(load('idx-bad/short'), namesFile(short, /3 bytes of data but its header announces 2×2×2 = 8/));
  write('idx-bad/images', idx([3, 1, 1], [1, 2, 3]));
  const fewLabels = write('idx-bad/few-labels', idx([2], [1, 2]));
  await assert.rejects(load('idx-bad/images', 'idx-bad/few-labels'), namesFile(fewLabels, /2 labels .* 3 images/));
  const notGzip = write('idx-bad/broken.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3]));
  await assert.rejects(load('idx-bad/broken.gz'), namesFile(notGzip, /cannot be decompressed/));
  await assert.rejects(load('idx-bad/nope'), namesFile(path.join(temp, 'idx-bad/nope'), /does not exist/));
});
