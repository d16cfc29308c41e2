import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataSchema, isToyData, type ToyDataConfig } from '../../src/core/config/dataSchema';
import type { Dataset } from '../../src/core/data/dataset';
import { loadDataset } from '../../src/core/data/load';
import { generateToyDataset } from '../../src/core/data/toy2d';
import { allocate } from '../../src/core/data/toyShape';

function toy(input: Record<string, unknown>): ToyDataConfig {
  const config = dataSchema.parse(input);
  assert.ok(isToyData(config));
  return config;
}

function points(dataset: Dataset): [number, number][] {
  return Array.from({ length: dataset.count }, (_, i) => [dataset.values[2 * i]!, dataset.values[2 * i + 1]!]);
}

/** Per mode: how many points are nearest to it and their spread around it (per coordinate). */
function modeStats(dataset: Dataset): { counts: number[]; spreads: number[]; farthest: number } {
  const centers = dataset.mixture!.centers;
  const counts = centers.map(() => 0);
  const squares = centers.map(() => 0);
  let farthest = 0;
  for (const [x, y] of points(dataset)) {
    const distances = centers.map(([cx, cy]) => Math.hypot(x - cx, y - cy));
    const mode = distances.indexOf(Math.min(...distances));
    counts[mode]!++;
    squares[mode]! += distances[mode]! ** 2;
    farthest = Math.max(farthest, distances[mode]!);
  }
  return { counts, spreads: squares.map((s, m) => Math.sqrt(s / counts[m]! / 2)), farthest };
}

test('ring: 8 equal modes on the scaled circle with the scaled σ, all values in [-1, 1]', () => {
  const data = generateToyDataset(toy({ kind: 'ring', modes: 8, radius: 2, sigma: 0.02, count: 10_000 }), 1);
  assert.equal(data.description, 'ring of 8 Gaussians, radius 2, σ 0.02 (10000 points)');
  assert.equal(data.kind, 'points');
  assert.deepEqual(data.exampleShape, [2]);
  assert.equal(data.values.length, 20_000);
  assert.ok(data.values.every((v) => v >= -1 && v <= 1));

  const scale = 1 / (2 + 3 * 0.02);
  assert.ok(Math.abs(data.mixture!.sigma - 0.02 * scale) < 1e-9);
  assert.equal(data.mixture!.centers.length, 8);
  for (const [cx, cy] of data.mixture!.centers) assert.ok(Math.abs(Math.hypot(cx, cy) - 2 * scale) < 1e-9);

  const { counts, spreads, farthest } = modeStats(data);
  assert.deepEqual(counts, Array(8).fill(1250));
  for (const spread of spreads) assert.ok(Math.abs(spread / data.mixture!.sigma - 1) < 0.06, `spread ${spread}`);
  assert.ok(farthest < 6 * data.mixture!.sigma, `a point lies ${farthest / data.mixture!.sigma}σ from its mode`);
  // Shuffled, so a prefix already covers every mode.
  assert.ok(modeStats({ ...data, count: 64 }).counts.every((c) => c > 0));
});

test('the same seed gives identical data, another seed different data; loadDataset dispatches toys', async () => {
  const config = toy({ kind: 'spiral' });
  const a = generateToyDataset(config, 7);
  assert.deepEqual(a.values, generateToyDataset(config, 7).values);
  assert.notDeepEqual(a.values, generateToyDataset(config, 8).values);
  const loaded = await loadDataset(config, { baseDir: '/nowhere', seed: 7 });
  assert.deepEqual(loaded.values, a.values);
  assert.equal(loaded.mixture, undefined);
});

test('grid and two-gaussians place their modes by spacing and separation', () => {
  const grid = generateToyDataset(toy({ kind: 'grid', size: 3, spacing: 1, sigma: 0.05, count: 900 }), 2);
  const gridScale = 1 / (1 + 3 * 0.05);
  const xs = [...new Set(grid.mixture!.centers.map(([x]) => x.toFixed(6)))].map(Number).sort((p, q) => p - q);
  assert.deepEqual(xs, [-gridScale, 0, gridScale].map((v) => Number(v.toFixed(6))));
  assert.deepEqual(modeStats(grid).counts, Array(9).fill(100));

  const two = generateToyDataset(toy({ kind: 'two-gaussians', separation: 3, sigma: 0.1, count: 1000 }), 2);
  const [[x0, y0], [x1, y1]] = two.mixture!.centers as [[number, number], [number, number]];
  const twoScale = 1 / (1.5 / Math.SQRT2 + 0.3);
  assert.ok(Math.abs(Math.hypot(x1 - x0, y1 - y0) - 3 * twoScale) < 1e-9);
  assert.deepEqual(modeStats(two).counts, [500, 500]);
  assert.equal(two.description, 'two Gaussians, separation 3, σ 0.1 (1000 points)');
});

test('blobs are well separated and carry unequal, increasing weights', () => {
  const data = generateToyDataset(toy({ kind: 'blobs', blobs: 12, sigma: 0.08, count: 6600 }), 3);
  const { centers, sigma } = data.mixture!;
  for (let i = 0; i < centers.length; i++) {
    for (let j = i + 1; j < centers.length; j++) {
      const gap = Math.hypot(centers[i]![0] - centers[j]![0], centers[i]![1] - centers[j]![1]);
      assert.ok(gap > 5 * sigma, `blobs ${i} and ${j} are ${gap / sigma}σ apart`);
    }
  }
  // Nearest-centre assignment misplaces the few points beyond ~2.8σ, hence the 3% tolerance.
  const { counts } = modeStats(data);
  const expected = allocate(centers.map((_, k) => 1 + k / 11), 6600);
  counts.forEach((count, k) => assert.ok(Math.abs(count - expected[k]!) <= 0.03 * expected[k]!, `blob ${k}: ${count}`));
  assert.ok(counts[11]! > 1.9 * counts[0]!);
});

test('allocate splits a count exactly by weight', () => {
  assert.deepEqual(allocate([1, 1, 1], 10), [4, 3, 3]);
  assert.deepEqual(allocate([1, 2], 10), [3, 7]);
  assert.equal(allocate([1, 1.5, 2, 7], 1001).reduce((a, b) => a + b, 0), 1001);
});

test('line, moons and spiral stay in [-1, 1] and keep their shape', () => {
  const line = generateToyDataset(toy({ kind: 'line', noise: 0.01, count: 2000 }), 4);
  const lineScale = Math.SQRT2 / 1.03;
  const across = points(line).map(([x, y]) => (y - x) / Math.SQRT2 / lineScale);
  const spread = Math.sqrt(across.reduce((s, d) => s + d * d, 0) / across.length);
  assert.ok(Math.abs(spread - 0.01) < 0.001, `noise across the line ${spread}`);
  assert.ok(Math.max(...points(line).map(([x]) => x)) > 0.9);

  const moons = generateToyDataset(toy({ kind: 'moons', noise: 0, count: 1000 }), 4);
  // Noise-free moons lie exactly on two unit half circles (scaled by 1/1.5).
  for (const [i, [x, y]] of points(moons).entries()) {
    const [cx, cy] = i % 2 === 0 ? [-0.5, -0.25] : [0.5, 0.25];
    assert.ok(Math.abs(Math.hypot(x * 1.5 - cx, y * 1.5 - cy) - 1) < 1e-5);
  }

  const spiral = generateToyDataset(toy({ kind: 'spiral', noise: 0.02, count: 3000 }), 4);
  const radii = points(spiral).map(([x, y]) => Math.hypot(x, y));
  assert.ok(Math.max(...radii) > 0.9 && Math.min(...radii) < 0.1);
  for (const data of [line, moons, spiral]) {
    assert.ok(data.values.every((v) => v >= -1 && v <= 1));
    assert.equal(data.mixture, undefined);
  }
});
