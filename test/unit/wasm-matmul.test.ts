import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor, Tensor3D } from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/core/backend/init';
import { tf } from '../../src/core/backend/tf';
import { assertClose, onCpuAndWasm, shapeRandom, wave, withoutLeaks } from './support/kernelCompare';

interface MatMulCase {
  readonly batch: number;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

const describe = (c: MatMulCase) =>
  `batch ${c.batch}, ${c.m}x${c.k} · ${c.k}x${c.n}, transposeA ${c.transposeA}, transposeB ${c.transposeB}`;

function operands(c: MatMulCase): [Tensor3D, Tensor3D] {
  const aShape: [number, number, number] = c.transposeA ? [c.batch, c.k, c.m] : [c.batch, c.m, c.k];
  const bShape: [number, number, number] = c.transposeB ? [c.batch, c.n, c.k] : [c.batch, c.k, c.n];
  return [tf.tensor3d(wave(aShape.reduce((x, y) => x * y), 0.3), aShape), tf.tensor3d(wave(bShape.reduce((x, y) => x * y), 1.1), bShape)];
}

/** Random shapes (fixed seed) with every combination of transposes, the corners included. */
const random = shapeRandom(8);
const cases: MatMulCase[] = [];
for (const [transposeA, transposeB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
  cases.push({ batch: 1, m: 1, k: 1, n: 1, transposeA, transposeB });
  for (let i = 0; i < 3; i++) {
    cases.push({ batch: random(1, 3), m: random(1, 70), k: random(1, 70), n: random(1, 70), transposeA, transposeB });
  }
}

for (const c of cases) {
  test(`wasm matMul matches the cpu backend: ${describe(c)}`, async () => {
    const [expected, actual] = await onCpuAndWasm(() => withoutLeaks(() => tf.tidy(() => {
      const [a, b] = operands(c);
      return tf.matMul(a, b, c.transposeA, c.transposeB);
    })));
    assert.equal(actual.length, c.batch * c.m * c.n);
    assertClose(actual, expected, describe(c));
  });

  test(`wasm fused matMul (bias, leakyRelu) matches the cpu backend: ${describe(c)}`, async () => {
    const [expected, actual] = await onCpuAndWasm(() => withoutLeaks(() => tf.tidy(() => {
      const [a, b] = operands(c);
      const bias = tf.tensor1d(wave(c.n, 2.0));
      return tf.fused.matMul({ a, b, transposeA: c.transposeA, transposeB: c.transposeB, bias, activation: 'leakyrelu', leakyreluAlpha: 0.2 });
    })));
    assertClose(actual, expected, describe(c));
  });
}

test('the gradients of a dense layer (xᵀ·dy and dy·Wᵀ) match the cpu backend', async () => {
  const gradients = () => {
    const x = tf.tensor2d(wave(37 * 53, 0), [37, 53]);
    const w = tf.tensor2d(wave(53 * 29, 1), [53, 29]);
    const dy = tf.tensor2d(wave(37 * 29, 2), [37, 29]);
    const [dx, dw] = tf.grads((xs: Tensor, ws: Tensor) => tf.sum(tf.mul(tf.matMul(xs, ws), dy)))([x, w]);
    const both = tf.tidy(() => tf.concat([tf.reshape(dx!, [-1]), tf.reshape(dw!, [-1])]));
    tf.dispose([x, w, dy, dx!, dw!]);
    return both;
  };
  const [expected, actual] = await onCpuAndWasm(() => withoutLeaks(gradients));
  assertClose(actual, expected, 'dense layer gradients');
});

test('transposed products leave the wasm heap as they found it over many calls', async () => {
  await initBackend('wasm');
  const c: MatMulCase = { batch: 1, m: 64, k: 300, n: 200, transposeA: true, transposeB: true };
  const [a, b] = operands(c);
  const buffers = tf.backend().numDataIds();
  for (let i = 0; i < 50; i++) tf.matMul(a, b, true, true).dispose();
  assert.equal(tf.backend().numDataIds(), buffers, 'the transposed copies must be freed');
  tf.dispose([a, b]);
});
