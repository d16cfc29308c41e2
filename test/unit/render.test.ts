import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderImageGrid } from '../../src/core/render/grid';
import { decodePng, type RgbaPixels } from '../../src/core/render/png';
import { renderScatter, scatterColours, scatterLayout } from '../../src/core/render/scatter';

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

test('a scatter plot: real points blue, generated orange where they lie, y up, on a transparent background with a margin, axes and a legend', () => {
  const real = Float32Array.from([0.5, 0.5]);
  const generated = Float32Array.from([-0.5, -0.5, 3, 0, Number.NaN, 0, 1, 1]);
  const layout = scatterLayout(103);
  const png = decodePng(renderScatter(real, generated, { size: 103, pointRadius: 2 }));
  assert.deepEqual([png.width, png.height], [layout.width, layout.height]);
  assert.ok(layout.left > 0 && layout.top > 0 && layout.left + layout.span < png.width && layout.top + layout.span < png.height, 'margins around the plot');
  // The plane spans ±1.2 over pixels left..left+102: x = v lands on left + (v + 1.2) / 2.4 · 102.
  const pixel = (x: number, y: number): [number, number] => [
    Math.round(layout.left + ((x + 1.2) / 2.4) * 102), Math.round(layout.top + ((1.2 - y) / 2.4) * 102)];
  assert.deepEqual(rgbAt(png, ...pixel(0.5, 0.5)), [...scatterColours.real, 255]);
  assert.deepEqual(rgbAt(png, ...pixel(-0.5, -0.5)), [...scatterColours.generated, 255]);
  const [cornerX, cornerY] = pixel(1, 1);
  assert.deepEqual(rgbAt(png, cornerX + 2, cornerY), [...scatterColours.generated, 255], 'a point on the data\'s corner is drawn whole, inside the frame');
  assert.equal(rgbAt(png, ...pixel(-0.6, 0.6))[3], 0, 'the background is transparent: no light box in a dark theme');
  assert.deepEqual(rgbAt(png, layout.left, layout.top + 40), [...scatterColours.axes, 255], 'the frame');

  const counts = new Map<string, number>();
  const inPlot = (i: number) => {
    const x = (i / 4) % png.width;
    const y = Math.floor(i / 4 / png.width);
    return x > layout.left && x < layout.left + layout.span - 1 && y > layout.top && y < layout.top + layout.span - 1;
  };
  for (let i = 0; i < png.data.length; i += 4) {
    if (!inPlot(i)) continue;
    const key = png.data.subarray(i, i + 3).join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Only the in-view points are drawn: one disk of radius 2 (21 pixels) each.
  assert.equal(counts.get(scatterColours.generated.join(',')), 42);
  assert.equal(counts.get(scatterColours.real.join(',')), 21);
  // The legend's dots and words above the plot; tick values left of and below it.
  const band = (x0: number, x1: number, y0: number, y1: number, colour: readonly number[]) => {
    let n = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (rgbAt(png, x, y).slice(0, 3).join(',') === colour.join(',')) n++;
    return n;
  };
  assert.ok(band(0, png.width, 0, layout.top, scatterColours.real) > 0 && band(0, png.width, 0, layout.top, scatterColours.generated) > 0, 'legend dots');
  assert.ok(band(0, png.width, 0, layout.top, scatterColours.axes) > 20, 'legend words');
  assert.ok(band(0, layout.left - 1, layout.top, layout.top + layout.span, scatterColours.axes) > 30, 'y tick values');
  assert.ok(band(layout.left, png.width, layout.top + layout.span + 1, png.height, scatterColours.axes) > 30, 'x tick values');
});
