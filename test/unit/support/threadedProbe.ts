// Run as a child process by wasm-threads.test.ts: the wasm backend's threads are fixed when it
// starts, so each thread count needs its own process. Prints one JSON line and then simply
// returns: the process must exit by itself (idle pthread workers must not keep it alive).
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/core/backend/init';
import { tf } from '../../../src/core/backend/tf';
import { wave } from './kernelCompare';

/** A convolution, its transposed form and a transposed product: the kernels the thread pool runs. */
function compute(): number[] {
  return tf.tidy(() => {
    const x = tf.tensor4d(wave(4 * 14 * 14 * 8, 0), [4, 14, 14, 8]);
    const w = tf.tensor4d(wave(4 * 4 * 8 * 16, 1), [4, 4, 8, 16]);
    const y = tf.conv2d(x, w, 2, 'same');
    const back = tf.conv2dTranspose(y, w as Tensor4D, [4, 14, 14, 8], 2, 'same');
    const a = tf.tensor2d(wave(96 * 200, 2), [96, 200]);
    const product = tf.matMul(a, a, true, false);
    return tf.concat([tf.reshape(back, [-1]), tf.reshape(product, [-1])]).arraySync() as number[];
  });
}

async function main(): Promise<void> {
  await initBackend('cpu');
  const expected = compute();
  const report = await initBackend('wasm');
  const actual = compute();
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!)));
  console.log(JSON.stringify({ detail: report.attempts.at(-1)?.detail, worst, values: expected.length }));
}

void main();
