import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '../../src/core/util/random';

test('the same seed gives the same stream, a saved state continues it exactly', () => {
  const a = new Random(42);
  const b = new Random(42);
  for (let i = 0; i < 10; i++) assert.equal(a.uint32(), b.uint32());
  const resumed = new Random(a.state());
  assert.deepEqual([a.float(), a.normal(), a.int(7)], [resumed.float(), resumed.normal(), resumed.int(7)]);
  assert.notEqual(new Random(1).uint32(), new Random(2).uint32());
});

test('normals have mean ≈ 0 and std ≈ 1; a permutation holds every index once', () => {
  const values = new Random(7).fillNormal(new Float32Array(20_001));
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
  assert.ok(Math.abs(std - 1) < 0.03, `std ${std}`);
  const order = new Random(3).permutation(1000);
  assert.deepEqual([...order].sort((x, y) => x - y), [...Array(1000).keys()]);
  assert.notDeepEqual([...order.slice(0, 10)], [...Array(10).keys()]);
});
