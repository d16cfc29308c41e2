import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderImageGrid } from '../../src/core/render/grid';
import { decodePng, type RgbaPixels } from '../../src/core/render/png';
import { renderScatter, scatterColours } from '../../src/core/render/scatter';

const rgbAt = (image: RgbaPixels, x: number, y: number) =>
  [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];
const grey = (v: number) => [v, v, v, 255];

test('a grayscale grid is near-square, separated by grey, with [-1, 1] mapped to 0..255 and clamped', () => {
  // Five 2×3 images; image n holds [-1, 0, 1, 2, -3, NaN] so every mapping case appears.
  const tile = [-1, 0, 1, 2, -3, Number.NaN];
  const images = Float32Array.from({ length: 5 * 6 }, (_, i) => tile[i % 6]!);
  const png = decodePng(renderImageGrid(images, [2, 3, 1]));
  assert.deepEqual([png.width, png.height], [3 * (3 + 2) + 2, 2 * (2 + 2) + 2]);
  assert.deepEqual(rgbAt(png, 0, 0), grey(128));
  // Tile 0 starts at (2, 2); tile 4 (row 1, column 1) at (7, 6).
  for (const [left, top] of [[2, 2], [7, 6]] as const) {
    assert.deepEqual([0, 1, 2].map((x) => rgbAt(png, left + x, top)), [grey(0), grey(128), grey(255)]);
    assert.deepEqual([0, 1, 2].map((x) => rgbAt(png, left + x, top + 1)), [grey(255), grey(0), grey(0)]);
  }
  // The sixth cell is empty: separator colour.
  assert.deepEqual(rgbAt(png, 12, 6), grey(128));
});

test('RGB tiles keep their channels; columns, separator and integer upscaling shape the grid', () => {
  const red = [1, -1, -1];
  const blue = [-1, -1, 1];
  const images = Float32Array.from([...red, ...blue, ...blue, ...red]); // four 1×1 images: red, blue, blue, red
  const png = decodePng(renderImageGrid(images, [1, 1, 3], { columns: 1, scale: 4, separator: 1 }));
  assert.deepEqual([png.width, png.height], [4 + 2, 4 * 4 + 4 + 1]);
  assert.deepEqual(rgbAt(png, 1, 1), [255, 0, 0, 255]);
  assert.deepEqual(rgbAt(png, 4, 4), [255, 0, 0, 255]);
  assert.deepEqual(rgbAt(png, 1, 6), [0, 0, 255, 255]);
  assert.deepEqual(rgbAt(png, 1, 5), grey(128));
  assert.throws(() => renderImageGrid(new Float32Array(5), [2, 2, 1]), RangeError);
  assert.throws(() => renderImageGrid(new Float32Array(8), [2, 2, 2]), RangeError);
});

test('a scatter plot draws real points grey and generated points orange where they lie, y up', () => {
  const real = Float32Array.from([0.5, 0.5]);
  const generated = Float32Array.from([-0.5, -0.5, 3, 0, Number.NaN, 0]);
  const png = decodePng(renderScatter(real, generated, { size: 103, pointRadius: 2 }));
  assert.deepEqual([png.width, png.height], [103, 103]);
  // [-1, 1] spans pixels 3..99, so ±0.5 lands on 27 and 75.
  assert.deepEqual(rgbAt(png, 75, 27), [...scatterColours.real, 255]);
  assert.deepEqual(rgbAt(png, 76, 28), [...scatterColours.real, 255]);
  assert.deepEqual(rgbAt(png, 27, 75), [...scatterColours.generated, 255]);
  assert.deepEqual(rgbAt(png, 27, 27), [...scatterColours.background, 255]);
  assert.deepEqual(rgbAt(png, 51, 10), [...scatterColours.axes, 255]);

  const counts = new Map<string, number>();
  for (let i = 0; i < png.data.length; i += 4) {
    const key = png.data.subarray(i, i + 3).join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Only the in-view generated point is drawn: one disk of radius 2 (21 pixels) per colour.
  assert.equal(counts.get(scatterColours.generated.join(',')), 21);
  assert.equal(counts.get(scatterColours.real.join(',')), 21);
});
