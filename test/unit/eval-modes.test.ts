import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modeCoverage } from '../../src/core/eval/modeCoverage';

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
