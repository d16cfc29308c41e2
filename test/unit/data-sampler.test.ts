import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EpochSampler, gather, gatherLabels } from '../../src/core/data/sampler';

const sorted = (values: Iterable<number>) => [...values].sort((a, b) => a - b);

test('each epoch visits every index exactly once, in a new order, across batch boundaries', () => {
  const sampler = new EpochSampler(10, 5);
  const stream = [...sampler.next(3), ...sampler.next(4), ...sampler.next(3), ...sampler.next(7), ...sampler.next(3)];
  assert.deepEqual(sampler.state(), { epoch: 2, cursor: 0 });
  const [first, second] = [stream.slice(0, 10), stream.slice(10)];
  assert.deepEqual(sorted(first), [...Array(10).keys()]);
  assert.deepEqual(sorted(second), [...Array(10).keys()]);
  assert.notDeepEqual(first, second);
  // A batch larger than the dataset spans several epochs.
  const big = new EpochSampler(4, 1).next(9);
  assert.deepEqual(sorted(big.slice(0, 4)), [0, 1, 2, 3]);
  assert.deepEqual(sorted(big.slice(4, 8)), [0, 1, 2, 3]);
});

test('a sampler restored from state() continues exactly where the original goes', () => {
  const original = new EpochSampler(1000, 42);
  original.next(700);
  original.next(700);
  const state = original.state();
  assert.deepEqual(state, { epoch: 1, cursor: 400 });
  const restored = new EpochSampler(1000, 42, JSON.parse(JSON.stringify(state)));
  for (let i = 0; i < 5; i++) assert.deepEqual(restored.next(333), original.next(333));
  assert.deepEqual(restored.state(), original.state());
});

test('the seed decides the order; bad states are refused', () => {
  assert.deepEqual(new EpochSampler(50, 3).next(50), new EpochSampler(50, 3).next(50));
  assert.notDeepEqual(new EpochSampler(50, 3).next(50), new EpochSampler(50, 4).next(50));
  assert.throws(() => new EpochSampler(10, 1, { epoch: 0, cursor: 10 }), RangeError);
  assert.throws(() => new EpochSampler(0, 1), RangeError);
});

test('gather copies whole examples and their labels in index order', () => {
  const dataset = {
    description: 'three 2×1 examples',
    exampleShape: [2, 1],
    values: Float32Array.from([0, 1, 10, 11, 20, 21]),
    labels: Int32Array.from([7, 8, 9]),
  };
  assert.deepEqual(gather(dataset, [2, 0, 2]), Float32Array.from([20, 21, 0, 1, 20, 21]));
  assert.deepEqual(gatherLabels(dataset, Uint32Array.from([1, 2])), Int32Array.from([8, 9]));
  assert.throws(() => gatherLabels({ description: 'points' }, [0]), /no labels/);
});
