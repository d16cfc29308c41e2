import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/core/backend/init';
import { RECTIFIER_GRAD } from '../../src/core/backend/rectifierGradient';
import { tf } from '../../src/core/backend/tf';
import { shapeRandom, wave, withoutLeaks } from './support/kernelCompare';

// The fused Relu/LeakyRelu gradient is checked against the same functions written with Maximum,
// whose gradient TF.js builds from its own kernels: first order (what every step needs) and second
// order (what R1 and WGAN-GP need: the gradient of a penalty on D's input gradient).
const activations = [
  { name: 'relu', fused: (x: Tensor) => tf.relu(x), reference: (x: Tensor) => tf.maximum(x, 0) },
  { name: 'leakyRelu 0.2', fused: (x: Tensor) => tf.leakyRelu(x, 0.2), reference: (x: Tensor) => tf.maximum(x, tf.mul(x, 0.2)) },
] as const;

const random = shapeRandom(7);
const shapes = [[256, 128], [1, 1], [3, 5, 7], ...Array.from({ length: 4 }, () => [random(1, 40), random(1, 40)])];

/** A two-layer critic D(x) = sum(act(x·W1)·W2) and the gradient of its R1 penalty |∇x D|² in W1. */
function penaltyGradient(activation: (x: Tensor) => Tensor, rows: number, columns: number): Tensor {
  const x = tf.tensor2d(wave(rows * columns, 0.3), [rows, columns]);
  const w1 = tf.tensor2d(wave(columns * 6, 1.1), [columns, 6]);
  const w2 = tf.tensor2d(wave(6, 2.5), [6, 1]);
  const critic = (w: Tensor) => (input: Tensor) => tf.sum(tf.matMul(activation(tf.matMul(input as never, w as never)) as never, w2));
  const penalty = (w: Tensor) => tf.sum(tf.square(tf.grad(critic(w))(x)));
  return tf.grad(penalty)(w1);
}

for (const backend of ['wasm', 'cpu'] as const) {
  for (const activation of activations) {
    for (const shape of shapes) {
      test(`${backend}: the fused ${activation.name} gradient matches TF.js's on [${shape.join(',')}]`, async () => {
        await initBackend(backend);
        const size = shape.reduce((a, b) => a * b, 1);
        const gradient = (act: (x: Tensor) => Tensor) => withoutLeaks(() => tf.tidy(() => {
          const x = tf.tensor(wave(size, 0.5), shape);
          const weights = tf.tensor(wave(size, 1.7), shape);
          return tf.grad((input: Tensor) => tf.sum(tf.mul(act(input), weights)))(x);
        }));
        assert.deepEqual(gradient(activation.fused), gradient(activation.reference));
      });
    }
    test(`${backend}: second-order gradients through the fused ${activation.name} gradient (R1, WGAN-GP)`, async () => {
      await initBackend(backend);
      const fused = withoutLeaks(() => tf.tidy(() => penaltyGradient(activation.fused, 9, 4)));
      const reference = withoutLeaks(() => tf.tidy(() => penaltyGradient(activation.reference, 9, 4)));
      assert.ok(fused.some((value) => Math.abs(value) > 1e-3), 'the penalty has a gradient to compare');
      fused.forEach((value, i) => assert.ok(Math.abs(value - reference[i]!) < 1e-5, `${i}: ${value} vs ${reference[i]}`));
    });
  }
  test(`${backend}: training takes the Relu and LeakyRelu gradients through the fused kernel`, async () => {
    await initBackend(backend);
    const launched: string[] = [];
    const profile = await tf.profile(() => tf.tidy(() => tf.grad((x: Tensor) => tf.sum(tf.leakyRelu(tf.relu(x), 0.1)))(tf.ones([4, 4]))));
    launched.push(...profile.kernels.map((kernel) => kernel.name));
    assert.equal(launched.filter((name) => name === RECTIFIER_GRAD).length, 2, launched.join(' '));
    assert.ok(!launched.includes('Greater') && !launched.includes('Step'), launched.join(' '));
  });
}
