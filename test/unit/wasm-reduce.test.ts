import { test } from 'node:test';
import { tf } from '../../src/core/backend/tf';
import { assertClose, onCpuAndWasm, shapeRandom, wave, withoutLeaks } from './support/kernelCompare';

interface ReduceCase { readonly shape: number[]; readonly axes: number[]; readonly keepDims: boolean }

const random = shapeRandom(44);
const cases: ReduceCase[] = [
  // A bias gradient, and batch normalisation's statistics and their gradients.
  { shape: [256, 128], axes: [0], keepDims: false },
  { shape: [16, 7, 7, 32], axes: [0, 1, 2], keepDims: true },
  { shape: [3, 5], axes: [0, 1], keepDims: false },
  // Not leading: the stock kernel.
  { shape: [4, 6, 5], axes: [1], keepDims: false },
  { shape: [4, 6, 5], axes: [2, 0], keepDims: true },
];
for (let i = 0; i < 8; i++) {
  const rank = random(1, 4);
  const shape = Array.from({ length: rank }, () => random(1, 9));
  cases.push({ shape, axes: Array.from({ length: random(1, rank) }, (_, a) => a), keepDims: i % 2 === 0 });
}

for (const op of ['sum', 'mean'] as const) {
  for (const c of cases) {
    const label = `${op} of [${c.shape.join(',')}] over axes ${c.axes.join(',')}${c.keepDims ? ', keepDims' : ''}`;
    test(`wasm ${label} matches the cpu backend`, async () => {
      const [expected, actual] = await onCpuAndWasm(() => withoutLeaks(() => tf.tidy(() => {
        const x = tf.tensor(wave(c.shape.reduce((a, b) => a * b, 1), 0.7), c.shape);
        return tf.reshape(tf[op](x, c.axes, c.keepDims), [-1]);
      })));
      assertClose(actual, expected, label);
    });
  }
}

test('the bias gradient of a dense layer (a sum over the batch) matches the cpu backend', async () => {
  const [expected, actual] = await onCpuAndWasm(() => withoutLeaks(() => tf.tidy(() => {
    const x = tf.tensor2d(wave(64 * 10, 0), [64, 10]);
    const w = tf.tensor2d(wave(10 * 7, 1), [10, 7]);
    const b = tf.zeros([7]);
    const grad = tf.grad((bias) => tf.sum(tf.square(tf.relu(tf.add(tf.matMul(x, w), bias)))))(b);
    return grad;
  })));
  assertClose(actual, expected, 'bias gradient');
});
