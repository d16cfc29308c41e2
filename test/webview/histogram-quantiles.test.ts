import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BAND_QUANTILES, histogramQuantiles } from '../../webview/src/panels/histogramQuantiles';

// The percentiles the histogram card's "over time" bands are drawn from (no DOM needed).

test('quantiles of a histogram: values spread evenly inside their bins', () => {
  // 100 values uniform on [0, 1] in 10 bins: the q-quantile is q.
  const uniform = histogramQuantiles(new Array<number>(10).fill(10), 0, 1, BAND_QUANTILES);
  assert.ok(uniform);
  uniform.forEach((value, index) => assert.ok(Math.abs(value - BAND_QUANTILES[index]!) < 1e-9, `${value} vs ${BAND_QUANTILES[index]}`));
  // All in one bin [0.4, 0.5): every quantile inside it, in order.
  const spike = histogramQuantiles([0, 0, 0, 0, 50, 0, 0, 0, 0, 0], 0, 1)!;
  assert.ok(spike.every((value) => value >= 0.4 && value <= 0.5), spike.join(', '));
  assert.deepEqual([...spike].sort((a, b) => a - b), spike, 'ascending');
  assert.equal(histogramQuantiles([0, 0, 0], 0, 1), undefined, 'an empty histogram has none');
  assert.deepEqual(histogramQuantiles([1, 0, 0, 1], -2, 2, [0.25, 0.75]), [-1.5, 1.5]);
});
