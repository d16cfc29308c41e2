import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../src/core/data/dataset';
import { coloredDigit } from '../../src/core/data/domains/coloredDigits';
import { downsample, morph, rotate, sobelEdges, upsample, type Image } from '../../src/core/data/domains/imageOps';
import { datasetHalf, transformDataset } from '../../src/core/data/domains/transforms';
import { loadMnist } from '../../src/core/data/mnist';
import { Random } from '../../src/core/util/random';

/** A 9×9 grey image: background −1 with a 3-pixel-wide vertical bar of ink (1) in columns 3–5. */
function bar(): Image {
  const values = new Float32Array(81).fill(-1);
  for (let y = 1; y < 8; y++) for (let x = 3; x <= 5; x++) values[y * 9 + x] = 1;
  return { height: 9, width: 9, channels: 1, values };
}
const ink = (image: Image) => image.values.reduce((sum, v) => sum + (v + 1) / 2, 0);

test('strokes thicken and thin by one pixel a step; thinning a 3-wide bar twice leaves nothing', () => {
  const image = bar();
  assert.equal(ink(image), 21);
  assert.equal(ink(morph(image, 'max')), 45, 'dilation: the 3×7 bar grows to 5×9');
  assert.equal(ink(morph(image, 'min')), 5, 'erosion: a 1×5 core is left');
  assert.equal(ink(morph(morph(image, 'min'), 'min')), 0);
});

test('four quarter turns give the image back exactly; a quarter turn makes the bar horizontal', () => {
  const image = bar();
  let turned = image;
  for (let i = 0; i < 4; i++) turned = rotate(turned, 90);
  assert.deepEqual(Array.from(turned.values), Array.from(image.values));
  const quarter = rotate(image, 90);
  // Row 4 (the centre row) is all ink from column 1 to 7.
  assert.deepEqual(Array.from(quarter.values.subarray(36, 45)), [-1, 1, 1, 1, 1, 1, 1, 1, -1]);
});

test('Sobel edges are −1 on flat ground and strongest at the bar\'s sides', () => {
  const edges = sobelEdges(bar());
  assert.equal(edges.values[0], -1, 'flat background');
  assert.equal(edges.values[4 * 9 + 4], -1, 'inside the bar is flat too');
  assert.equal(edges.values[4 * 9 + 2], 1, 'just left of the bar: a full −1 → 1 step');
  assert.equal(edges.values[4 * 9 + 6], 1);
});

test('a blur keeps the size and the mean; a downsample halves the side', () => {
  const mnistLike = { height: 28, width: 28, channels: 1, values: Float32Array.from({ length: 784 }, (_, i) => Math.sin(i)) };
  const small = downsample(mnistLike, 2);
  assert.deepEqual([small.height, small.width, small.channels], [14, 14, 1]);
  assert.ok(Math.abs(small.values[0]! - (Math.sin(0) + Math.sin(1) + Math.sin(28) + Math.sin(29)) / 4) < 1e-6);
  const blurred = upsample(small, 2);
  assert.deepEqual([blurred.height, blurred.width], [28, 28]);
  const mean = (values: Float32Array) => values.reduce((a, b) => a + b, 0) / values.length;
  assert.ok(Math.abs(mean(blurred.values) - mean(mnistLike.values)) < 0.02);
  // Detail is lost: neighbours are closer than in the original.
  const roughness = (values: Float32Array) => values.slice(1).reduce((sum, v, i) => sum + Math.abs(v - values[i]!), 0);
  assert.ok(roughness(blurred.values) < roughness(mnistLike.values) / 2);
  assert.throws(() => downsample({ ...mnistLike, height: 27, values: mnistLike.values.slice(0, 27 * 28) }, 2), /27×28 does not divide by 2/);
});

test('a coloured digit is RGB, the same for the same seed, different across images, and keeps the digit\'s shape', () => {
  const digit = bar();
  const a = coloredDigit(digit, new Random(3));
  assert.equal(a.channels, 3);
  assert.deepEqual(a.values, coloredDigit(digit, new Random(3)).values);
  const random = new Random(3);
  coloredDigit(digit, random);
  assert.notDeepEqual(coloredDigit(digit, random).values, a.values, 'the next image gets another background');
  // In every channel the digit's pixels differ from their background: where the bar is, the value
  // is |background − 1|, elsewhere |background − 0| — the two sum to 1 in [0, 1] units.
  const unit = (v: number) => (v + 1) / 2;
  let shows = 0;
  for (let c = 0; c < 3; c++) {
    const inside = unit(a.values[(4 * 9 + 4) * 3 + c]!);
    const beside = unit(a.values[(4 * 9 + 6) * 3 + c]!);
    if (Math.abs(inside - beside) > 0.2) shows++;
  }
  assert.ok(shows >= 1, 'the digit stands out in at least one channel');
});

test('the digits\' two halves are disjoint, cover every digit equally, and transforms keep their labels', async () => {
  const digits: Dataset = await loadMnist({ kind: 'mnist', limit: 200 });
  const [first, second] = [datasetHalf(digits, 0), datasetHalf(digits, 1)];
  assert.equal(first.count + second.count, digits.count);
  const size = 784;
  const key = (set: Dataset, n: number) => Buffer.from(set.values.buffer, set.values.byteOffset + n * size * 4, size * 4).toString('base64');
  const firstImages = new Set(Array.from({ length: first.count }, (_, n) => key(first, n)));
  for (let n = 0; n < second.count; n++) assert.ok(!firstImages.has(key(second, n)), 'an image in both halves');
  for (const half of [first, second]) {
    const counts = new Array<number>(10).fill(0);
    for (const label of half.labels!) counts[label]!++;
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `per-digit counts ${counts.join(', ')}`);
  }
  const colored = transformDataset(second, [{ kind: 'stroke', steps: 1 }, { kind: 'colored' }], 7);
  assert.deepEqual(colored.exampleShape, [28, 28, 3]);
  assert.deepEqual(colored.labels, second.labels);
  assert.match(colored.description, /second half, strokes thickened ×1, coloured \(MNIST-M-like\)$/);
  assert.ok(colored.values.every((v) => v >= -1 && v <= 1));
  const inverted = transformDataset(first, [{ kind: 'invert' }], 0);
  assert.ok(inverted.values.every((v, i) => v === -first.values[i]!));
});
