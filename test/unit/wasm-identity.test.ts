import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/core/backend/init';
import { tf } from '../../src/core/backend/tf';
import { inPlaceAdam } from '../../src/core/optim/inPlaceAdam';

test('wasm clones share their buffer: values stay, each reference frees once, nothing leaks', async () => {
  await initBackend('wasm');
  const buffers = tf.backend().numDataIds();
  const original = tf.tensor1d([1, -2, 3]);
  const copy = original.clone();
  assert.equal(tf.backend().numDataIds(), buffers + 1, 'the clone is a second reference, not a second buffer');
  original.dispose();
  assert.deepEqual(Array.from(copy.dataSync()), [1, -2, 3], 'the clone outlives the original');
  copy.dispose();
  assert.equal(tf.backend().numDataIds(), buffers, 'the buffer is freed with its last reference');
});

test('in-place Adam leaves a moment that a clone shares untouched (it falls back to TF.js\'s update)', async () => {
  await initBackend('wasm');
  const weights = tf.variable(tf.tensor1d([0.5, -0.5, 1, 2, 3]));
  const optimizer = inPlaceAdam(0.1, 0.9, 0.999);
  const gradient = () => tf.tensor1d([1, 1, -1, 0.5, 2]);
  const first = gradient();
  optimizer.applyGradients([{ name: weights.name, tensor: first }]);
  const [iterations, firstMoment] = await optimizer.getWeights();
  iterations!.tensor.dispose();
  const m = firstMoment!.tensor;
  const held = m.clone();
  const before = Array.from(held.dataSync());
  const second = gradient();
  optimizer.applyGradients([{ name: weights.name, tensor: second }]);
  assert.deepEqual(Array.from(held.dataSync()), before, 'a tensor sharing the first moment keeps its values');
  tf.dispose([first, second, held, weights]);
  optimizer.dispose();
});
