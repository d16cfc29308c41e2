// Run as a child process by wasm-threads.test.ts: the wasm backend's threads are fixed when it
// starts, so each thread count needs its own process. Prints one JSON line and then simply
// returns: the process must exit by itself (idle pthread workers must not keep it alive).
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../../../src/core/backend/init';
import { tf } from '../../../src/core/backend/tf';
import { elementwiseKernels } from '../../../src/core/backend/wasm/elementwiseKernels';
import { inPlaceAdam } from '../../../src/core/optim/inPlaceAdam';
import { wave } from './kernelCompare';

/**
 * A convolution, its transposed form and a transposed product (the kernels the thread pool runs),
 * and a leaky-ReLU gradient and an Adam step (GAN Studio's SIMD kernels, on this build's memory).
 */
function compute(): number[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(wave(4 * 14 * 14 * 8, 0), [4, 14, 14, 8]);
    const w = tf.tensor4d(wave(4 * 4 * 8 * 16, 1), [4, 4, 8, 16]);
    const y = tf.conv2d(x, w, 2, 'same');
    const back = tf.conv2dTranspose(y, w as Tensor4D, [4, 14, 14, 8], 2, 'same');
    const a = tf.tensor2d(wave(96 * 200, 2), [96, 200]);
    const product = tf.matMul(a, a, true, false);
    const slope = tf.grad((input: Tensor) => tf.sum(tf.mul(tf.leakyRelu(input, 0.2), a)))(tf.sub(a, 0.1));
    const weights = tf.variable(tf.reshape(a, [-1]));
    inPlaceAdam(0.01, 0.5, 0.999).applyGradients([{ name: weights.name, tensor: tf.slice(tf.reshape(product, [-1]), 0, weights.size) }]);
    const stepped = weights.clone();
    weights.dispose();
    return tf.concat([tf.reshape(back, [-1]), tf.reshape(product, [-1]), tf.reshape(slope, [-1]), stepped]).arraySync() as number[];
  });
}

async function main(): Promise<void> {
  await initBackend('cpu');
  const expected = compute();
  const report = await initBackend('wasm');
  const actual = compute();
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!)));
  const simd = elementwiseKernels(tf.backend() as unknown as BackendWasm) !== undefined;
  console.log(JSON.stringify({ detail: report.attempts.at(-1)?.detail, worst, values: expected.length, simd }));
}

void main();
