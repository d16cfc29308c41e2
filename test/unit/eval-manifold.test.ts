import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMnist } from '../../src/core/data/mnist';
import { featureBalls, manifoldFigures } from '../../src/core/eval/manifold';
import { speckleShare } from '../../src/core/eval/speckle';
import { Random } from '../../src/core/util/random';
import { assertNoLeakAsync, useTestBackend } from './support/backend';

before(useTestBackend);

const dims = 8;
const gaussian = (seed: number, count: number, scale = 1, shift = 0) =>
  new Random(seed).fillNormal(new Float32Array(count * dims)).map((value) => value * scale + shift);

test('precision, recall, density and coverage tell realistic, collapsed and off-manifold samples apart', async () => {
  const real = await featureBalls(gaussian(1, 600), dims);
  const same = await assertNoLeakAsync(() => manifoldFigures(real, gaussian(2, 600), dims));
  assert.ok(same.precision > 0.85 && same.recall > 0.85, `same distribution: ${JSON.stringify(same)}`);
  assert.ok(same.density > 0.7 && same.density < 1.3 && same.coverage > 0.85, `same distribution: ${JSON.stringify(same)}`);
  // Collapsed: every sample near the centre — realistic (precise, dense) but covering little.
  const collapsed = await manifoldFigures(real, gaussian(3, 600, 0.1), dims);
  assert.ok(collapsed.precision > 0.9 && collapsed.density > 1.5, `collapsed: ${JSON.stringify(collapsed)}`);
  assert.ok(collapsed.recall < 0.3 && collapsed.coverage < 0.3, `collapsed: ${JSON.stringify(collapsed)}`);
  // Off the manifold: far from every real example.
  const off = await manifoldFigures(real, gaussian(4, 600, 1, 10), dims);
  assert.deepEqual([off.precision, off.density, off.coverage], [0, 0, 0]);
  await assert.rejects(manifoldFigures(real, gaussian(5, 3), dims), /more than 5 real and generated examples; got 600 and 3/);
});

test('speckle counts isolated dots, not the body of strokes, and real digits have little of it', async () => {
  const side = 28;
  const stroke = new Float32Array(side * side).fill(-1);
  for (let y = 5; y < 23; y++) for (let x = 12; x < 15; x++) stroke[y * side + x] = 1;
  // Only a stroke's four corner pixels differ from their neighbourhood's median (the most of it is background).
  assert.equal(speckleShare(stroke, side), 4 / (26 * 26), 'a three-pixel-wide stroke is speckle only at its corners');
  const dotted = stroke.slice();
  for (const [x, y] of [[3, 3], [20, 7], [6, 25], [24, 24]] as const) dotted[y * side + x] = 1;
  assert.equal(speckleShare(dotted, side), 8 / (26 * 26), 'four isolated dots add four');
  const mnist = await loadMnist({ kind: 'mnist', limit: 1000 });
  const real = speckleShare(mnist.values, side);
  assert.ok(real > 0 && real < 0.01, `real digits' speckle share: ${real}`);
});
