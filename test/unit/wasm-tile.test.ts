import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataType } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import { onCpuAndWasm, shapeRandom, wave, withoutLeaks } from './support/kernelCompare';

interface TileCase { readonly shape: number[]; readonly reps: number[]; readonly dtype: DataType }

const random = shapeRandom(21);
const cases: TileCase[] = [
  // Batch normalisation's gradient: per-channel statistics over a whole activation.
  { shape: [1, 1, 1, 8], reps: [5, 7, 7, 1], dtype: 'float32' },
  { shape: [3, 1], reps: [1, 9], dtype: 'float32' },
  { shape: [4], reps: [1], dtype: 'float32' },
  { shape: [2, 3], reps: [3, 2], dtype: 'int32' },
  { shape: [2, 1, 3], reps: [2, 4, 1], dtype: 'bool' },
];
for (let i = 0; i < 8; i++) {
  const rank = random(1, 5);
  cases.push({
    shape: Array.from({ length: rank }, () => random(1, 4)),
    reps: Array.from({ length: rank }, () => random(1, 3)),
    dtype: (['float32', 'int32'] as const)[i % 2]!,
  });
}

for (const c of cases) {
  const label = `${c.dtype} [${c.shape.join(',')}] tiled ${c.reps.join('x')}`;
  test(`wasm tile matches the cpu backend: ${label}`, async () => {
    const [expected, actual] = await onCpuAndWasm(() => withoutLeaks(() => tf.tidy(() => {
      const size = c.shape.reduce((a, b) => a * b, 1);
      const values = Array.from(wave(size, 0.5), (v, i) => (c.dtype === 'float32' ? v : c.dtype === 'bool' ? (v > 0 ? 1 : 0) : i - 3));
      const x = tf.tensor(values, c.shape, c.dtype);
      return tf.cast(tf.tile(x, c.reps), 'float32');
    })));
    assert.equal(actual.length, c.shape.reduce((a, b, i) => a * b * c.reps[i]!, 1));
    assert.deepEqual(Array.from(actual), Array.from(expected), label);
  });
}
