import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeBackend, initBackend } from '../../src/core/backend/init';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';

test('auto picks wasm here, saying why each native backend was skipped', async () => {
  const report = await initBackend('auto');
  assert.equal(report.backend, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  const skipped = report.attempts.filter((a) => !a.ok).map((a) => a.backend);
  assert.deepEqual(skipped, ['tensorflow-gpu', 'tensorflow']);
  assert.match(report.reason, /tensorflow-gpu unavailable \(@tensorflow\/tfjs-node-gpu is not installed\)/);
  assert.equal(activeBackend(), report);
});

test('a named native backend that is missing is a clear user error', async () => {
  await assert.rejects(initBackend('tensorflow'), (error: Error) =>
    error.name === 'UserError' && /@tensorflow\/tfjs-node is not installed/.test(error.message));
});

test('wasm computes the conv filter gradient the cpu backend computes', async () => {
  const x = [...Array(2 * 7 * 7 * 3).keys()].map((i) => Math.sin(i));
  const dy = [...Array(2 * 4 * 4 * 5).keys()].map((i) => Math.cos(i * 0.7));
  const gradients: number[][] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    await initBackend(backend);
    const result = tf.tidy(() => {
      const input = tf.tensor4d(x, [2, 7, 7, 3]);
      const kernel = tf.zeros([3, 3, 3, 5]) as Tensor4D;
      const [grad] = tf.grads((w: Tensor) =>
        tf.sum(tf.mul(tf.conv2d(input, w as Tensor4D, 2, 'same'), tf.tensor4d(dy, [2, 4, 4, 5]))))([kernel]);
      return Array.from(grad!.dataSync());
    });
    gradients.push(result);
  }
  assert.equal(gradients[0]!.length, 3 * 3 * 3 * 5);
  gradients[0]!.forEach((value, i) => assert.ok(Math.abs(value - gradients[1]![i]!) < 1e-4, `index ${i}`));
});
