import assert from 'node:assert/strict';
import type { Tensor } from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/core/backend/init';
import { tf } from '../../src/core/backend/tf';

/** WebGPU's memory figures beside the tensor count: a leaked GPU buffer shows in numBytesInGPU. */
export function gpuMemory(): { tensors: number; bytesInGpu: number } {
  const memory = tf.memory() as { numTensors: number; numBytesInGPU?: number };
  return { tensors: memory.numTensors, bytesInGpu: memory.numBytesInGPU ?? Number.NaN };
}

/** Runs `compute` on a backend and reads its values asynchronously (WebGPU has no synchronous read), checking it leaves nothing behind. */
export async function valuesOn(backend: 'cpu' | 'wasm' | 'webgpu', compute: () => Tensor): Promise<Float32Array> {
  await initBackend(backend);
  const before = tf.memory().numTensors;
  const buffers = tf.backend().numDataIds();
  const result = compute();
  const values = await result.data<'float32'>();
  result.dispose();
  assert.equal(tf.memory().numTensors, before, `${backend}: tensors left behind`);
  assert.equal(tf.backend().numDataIds(), buffers, `${backend}: buffers left behind`);
  return values;
}

/** Largest difference relative to the largest reference entry. */
export function relativeError(actual: Float32Array | readonly number[], expected: Float32Array | readonly number[]): number {
  assert.equal(actual.length, expected.length);
  let scale = 1e-6;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]!));
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  }
  return worst / scale;
}
