import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Throttle } from '../../src/core/util/throttle';

test('a throttle runs at once after a quiet spell and folds a burst into one trailing run', async () => {
  let runs = 0;
  const throttle = new Throttle(() => runs++, 40);
  for (let i = 0; i < 10; i++) throttle.schedule();
  assert.equal(runs, 1, 'the first request runs at once');
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(runs, 2, 'the burst collapses into one run at the end of the cool-down');
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(runs, 2, 'nothing pending, nothing runs');
  throttle.schedule();
  throttle.schedule();
  throttle.dispose();
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(runs, 3, 'a disposed throttle drops what was pending');
});
