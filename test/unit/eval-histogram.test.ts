import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binCounts, mean, niceRange } from '../../src/core/eval/histogram';

test('binCounts spreads values over equal bins and folds out-of-range values into the end bins', () => {
  assert.deepEqual(binCounts([0, 0.1, 0.26, 0.5, 0.99, 1, -3, 7], 0, 1, 4), [3, 1, 1, 3]);
  assert.deepEqual(binCounts([Number.NaN], 0, 1, 2), [1, 0], 'NaN is counted, not dropped');
  assert.equal(mean([1, 2, 3, 6]), 3);
});

test('niceRange spans drifting critic scores with round edges', () => {
  assert.deepEqual(niceRange([3.03, 3.41, 2.87]), [2.8, 3.5]);
  assert.deepEqual(niceRange([-12.3, 40.2]), [-20, 50]);
  const [lo, hi] = niceRange([5, 5]);
  assert.ok(lo <= 5 && hi > 5 && hi - lo < 0.001, `a constant still gets a non-empty range: ${lo}..${hi}`);
  assert.deepEqual(niceRange([Number.NaN]), [-1, 1]);
});
