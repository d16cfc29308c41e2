import assert from 'node:assert/strict';
import type { Tensor } from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/core/backend/init';
import { tf } from '../../../src/core/backend/tf';

/** Deterministic, sign-changing values, so that a misplaced term shows. */
export const wave = (size: number, phase: number): Float32Array =>
  Float32Array.from({ length: size }, (_, i) => Math.sin(i * 0.37 + phase));

/** A small deterministic generator (mulberry32) for random shapes that repeat from run to run. */
export function shapeRandom(seed: number): (lo: number, hi: number) => number {
  let state = seed >>> 0;
  return (lo, hi) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return lo + Math.floor(unit * (hi - lo + 1));
  };
}

/** Runs `compute` and returns its values, asserting it left no tensor and no backend buffer behind. */
export function withoutLeaks(compute: () => Tensor): Float32Array {
  const tensors = tf.memory().numTensors;
  const buffers = tf.backend().numDataIds();
  const result = compute();
  const values = result.dataSync() as Float32Array;
  result.dispose();
  assert.equal(tf.memory().numTensors, tensors, 'tensors left behind');
  assert.equal(tf.backend().numDataIds(), buffers, `${tf.getBackend()} buffers left behind`);
  return values;
}

/** The same computation on the cpu backend (the reference) and on wasm with GAN Studio's kernels. */
export async function onCpuAndWasm(compute: () => Float32Array): Promise<[Float32Array, Float32Array]> {
  await initBackend('cpu');
  const expected = compute();
  await initBackend('wasm');
  return [expected, compute()];
}

export function assertClose(actual: Float32Array, expected: Float32Array, label: string): void {
  assert.equal(actual.length, expected.length, label);
  let scale = 1;
  for (const value of expected) scale = Math.max(scale, Math.abs(value));
  // Float32 sums of a few thousand terms in a different order: compare relative to the largest entry.
  expected.forEach((value, i) => assert.ok(Math.abs(actual[i]! - value) <= 1e-4 * scale,
    `${label}: index ${i}: wasm ${actual[i]} vs cpu ${value}`));
}
