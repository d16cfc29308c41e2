import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODE_COVERAGE_SAMPLES, modeCoverage, modeHistogramKl, nearestModes } from '../../src/core/eval/modeCoverage';
import { Random } from '../../src/core/util/random';

const mixture = { centers: [[0, 0], [1, 0], [0, 1]] as [number, number][], sigma: 0.05 };

test('mode coverage counts high-quality samples per nearest mode (VEEGAN definition)', () => {
  // Two points on mode 0, one within 3σ of mode 1, one far from everything.
  const result = modeCoverage([0.01, 0, -0.02, 0.03, 1.1, 0, 0.5, 0.5], mixture);
  assert.equal(result.modes, 3);
  assert.equal(result.modesCovered, 2);
  assert.deepEqual(result.perMode, [2, 1, 0]);
  assert.equal(result.highQualityShare, 3 / 4);
  const distances = [0.01, Math.hypot(0.02, 0.03), 0.1, Math.hypot(0.5, 0.5)];
  assert.ok(Math.abs(result.meanDistanceInSigmas - distances.reduce((a, b) => a + b) / 4 / 0.05) < 1e-9);
});

test('a point just beyond 3σ is not high quality', () => {
  const result = modeCoverage([0.151, 0], mixture);
  assert.equal(result.modesCovered, 0);
  assert.equal(result.highQualityShare, 0);
});

test('mode histogram KL from uniform: 0 when even, log K when collapsed or empty, finite with missed modes', () => {
  assert.equal(modeHistogramKl([5, 5, 5, 5]), 0);
  assert.ok(Math.abs(modeHistogramKl([0, 7, 0, 0]) - Math.log(4)) < 1e-12);
  // No high-quality samples at all counts as the worst case, not as 0 or NaN.
  assert.ok(Math.abs(modeHistogramKl([0, 0, 0]) - Math.log(3)) < 1e-12);
  // p = (2/3, 1/3, 0): 2/3·log 2 + 1/3·log 1 + 0.
  assert.ok(Math.abs(modeHistogramKl([2, 1, 0]) - (2 / 3) * Math.log(2)) < 1e-12);
  assert.equal(modeHistogramKl([]), 0);
});

test('mode coverage reports the KL of its per-mode histogram', () => {
  const result = modeCoverage([0.01, 0, -0.02, 0.03, 1.1, 0, 0.5, 0.5], mixture);
  assert.ok(Math.abs(result.modeKl - (2 / 3) * Math.log(2)) < 1e-12);
  assert.ok(Math.abs(modeCoverage([5, 5], mixture).modeKl - Math.log(3)) < 1e-12);
});

test(`${MODE_COVERAGE_SAMPLES} samples: the mixture itself scores KL ≈ 0, half its modes KL ≈ log 2`, () => {
  const ring = { centers: Array.from({ length: 8 }, (_, k) => [Math.cos(k * Math.PI / 4), Math.sin(k * Math.PI / 4)] as [number, number]), sigma: 0.02 };
  const draw = (modes: number[], seed: number) => {
    const random = new Random(seed);
    const points = new Float32Array(2 * MODE_COVERAGE_SAMPLES);
    for (let i = 0; i < MODE_COVERAGE_SAMPLES; i++) {
      const [cx, cy] = ring.centers[modes[random.int(modes.length)]!]!;
      points[2 * i] = cx + ring.sigma * random.normal();
      points[2 * i + 1] = cy + ring.sigma * random.normal();
    }
    return modeCoverage(points, ring);
  };
  const full = draw([0, 1, 2, 3, 4, 5, 6, 7], 5);
  assert.equal(full.modesCovered, 8);
  assert.ok(full.highQualityShare > 0.98, `${full.highQualityShare}`);
  assert.ok(full.modeKl < 0.01, `uniform draw KL ${full.modeKl}`);
  const half = draw([0, 2, 4, 6], 6);
  assert.equal(half.modesCovered, 4);
  assert.ok(Math.abs(half.modeKl - Math.log(2)) < 0.01, `half the modes KL ${half.modeKl}`);
});

test('nearestModes names each point\'s nearest mode, however far', () => {
  assert.deepEqual([...nearestModes([0.01, 0, 0.9, 0.2, 4, 5, 0.1, 0.6], mixture)], [0, 1, 2, 2]);
});
