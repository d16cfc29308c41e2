import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/core/backend/init';
import { tf } from '../../src/core/backend/tf';
import { drawWarps, warpImages } from '../../src/core/objectives/augmentation';
import { Random } from '../../src/core/util/random';
import { wave } from '../unit/support/kernelCompare';
import { relativeError, valuesOn } from './support';

// Float32 sums in a different order (and a different rounding of exp/log on the GPU).
const tolerance = 1e-5;

test('webgpu runs on the software adapter when named, says what the adapter is, and auto passes it over', async () => {
  const named = await initBackend('webgpu');
  assert.equal(named.backend, 'webgpu');
  assert.equal(named.adapter?.software, true, 'lavapipe is a software adapter');
  assert.match(named.adapter?.description ?? '', /llvmpipe/);
  assert.ok((named.adapter?.limits['maxStorageBuffersPerShaderStage'] ?? 0) >= 9, 'TF.js\'s AddN binds 9 storage buffers');
  assert.match(named.reason, /WebGPU through Dawn .* on llvmpipe/);
  const auto = await initBackend('auto');
  assert.notEqual(auto.backend, 'webgpu');
  const skipped = auto.attempts.find((attempt) => attempt.backend === 'webgpu');
  assert.equal(skipped?.ok, false);
  assert.match(skipped?.detail ?? '', /only a software adapter, llvmpipe.*auto skips it/);
});

/** The same computation on cpu (the reference) and on webgpu. */
async function agree(label: string, compute: () => Tensor): Promise<void> {
  const expected = await valuesOn('cpu', compute);
  const actual = await valuesOn('webgpu', compute);
  const error = relativeError(actual, expected);
  assert.ok(error < tolerance, `${label}: webgpu differs from cpu by ${error.toExponential(2)} (relative)`);
  // Not a comparison of zeros.
  assert.ok(expected.some((value) => Math.abs(value) > 1e-3), `${label}: the reference is all zeros`);
}

const tensorOf = (shape: number[], phase: number) => tf.tensor(wave(shape.reduce((a, b) => a * b, 1), phase), shape);

test('matMul, with and without transposes, agrees with cpu', async () => {
  await agree('matMul', () => tf.tidy(() => tf.matMul(tensorOf([37, 53], 0), tensorOf([53, 29], 1))));
  await agree('matMul Aᵀ B', () => tf.tidy(() => tf.matMul(tensorOf([53, 37], 2), tensorOf([53, 29], 3), true, false)));
  await agree('matMul A Bᵀ', () => tf.tidy(() => tf.matMul(tensorOf([37, 53], 4), tensorOf([29, 53], 5), false, true)));
});

test('conv2d and conv2dTranspose (DCGAN\'s stride-2 layers) agree with cpu', async () => {
  await agree('conv2d', () => tf.tidy(() => tf.conv2d(tensorOf([4, 14, 14, 3], 0) as Tensor4D, tensorOf([5, 5, 3, 8], 1) as Tensor4D, 2, 'same')));
  await agree('conv2dTranspose', () => tf.tidy(() => tf.conv2dTranspose(
    tensorOf([4, 7, 7, 8], 2) as Tensor4D, tensorOf([5, 5, 4, 8], 3) as Tensor4D, [4, 14, 14, 4], 2, 'same')));
});

test('the gradients training takes (conv → batch moments → leaky ReLU → dense, and a gradient penalty\'s second order) agree with cpu', async () => {
  const loss = (x: Tensor, filter: Tensor, dense: Tensor) => {
    const features = tf.conv2d(x as Tensor4D, filter as Tensor4D, 2, 'same');
    const { mean, variance } = tf.moments(features, [0, 1, 2]);
    const normalized = tf.div(tf.sub(features, mean), tf.sqrt(tf.add(variance, 1e-5)));
    const flat = tf.reshape(tf.leakyRelu(normalized, 0.2), [4, -1]);
    return tf.sum(tf.sigmoid(tf.matMul(flat, dense)));
  };
  const inputs = () => [tensorOf([4, 8, 8, 2], 0), tensorOf([3, 3, 2, 5], 1), tensorOf([80, 1], 2)] as const;
  await agree('first-order gradients', () => tf.tidy(() => {
    const [x, filter, dense] = inputs();
    const grads = tf.grads((a: Tensor, b: Tensor, c: Tensor) => loss(a, b, c))([x, filter, dense]);
    return tf.concat(grads.map((g) => tf.reshape(g, [-1])));
  }));
  await agree('gradient of a gradient penalty', () => tf.tidy(() => {
    const [x, filter, dense] = inputs();
    const penalty = (b: Tensor) => {
      const inputGradient = tf.grad((a: Tensor) => loss(a, b, dense))(x);
      return tf.sum(tf.square(inputGradient));
    };
    return tf.reshape(tf.grad(penalty)(filter), [-1]);
  }));
});

test('the augmentation warp (gather form on webgpu) and its gradient agree with the host loop on cpu', async () => {
  const maps = drawWarps(new Random(3), 4, { rotation: 20, translation: 3, scale: 0.15 }, 12, 12);
  const warpAndGradient = () => tf.tidy(() => {
    const images = tensorOf([4, 12, 12, 1], 0);
    const probe = tensorOf([4, 12, 12, 1], 1);
    const warped = warpImages(images, maps);
    const gradient = tf.grad((x: Tensor) => tf.sum(tf.mul(warpImages(x, maps), probe)))(images);
    return tf.concat([tf.reshape(warped, [-1]), tf.reshape(gradient, [-1])]);
  });
  await agree('warp', warpAndGradient);
});
