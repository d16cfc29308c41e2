import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Optimizer } from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/core/backend/init';
import { tf } from '../../src/core/backend/tf';
import { inPlaceAdam } from '../../src/core/optim/inPlaceAdam';
import { wave } from './support/kernelCompare';

/** A few Adam steps on a small least-squares problem; returns the weights and the optimizer's saved state. */
async function train(make: () => Optimizer, steps = 25) {
  const w = tf.variable(tf.tensor2d(wave(6 * 4, 0), [6, 4]), true, `w-${Math.random()}`);
  const b = tf.variable(tf.zeros([4]), true, `b-${Math.random()}`);
  const x = tf.tensor2d(wave(32 * 6, 1), [32, 6]);
  const y = tf.tensor2d(wave(32 * 4, 2), [32, 4]);
  const optimizer = make();
  const tensors: number[] = [];
  for (let i = 0; i < steps; i++) {
    const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(tf.add(tf.matMul(x, w), b), y))), [w, b]);
    optimizer.applyGradients({ [w.name]: grads[w.name]!, [b.name]: grads[b.name]! });
    tf.dispose([value, ...Object.values(grads)]);
    tensors.push(tf.memory().numTensors);
  }
  const weights = [...(w.dataSync() as Float32Array), ...(b.dataSync() as Float32Array)];
  const saved = await optimizer.getWeights();
  const state = { names: saved.map((s) => s.name.replace(/^[wb]-[0-9.]+/, (m) => m[0]!)), values: saved.map((s) => Array.from(s.tensor.dataSync())) };
  optimizer.dispose();
  tf.dispose([w, b, x, y, saved[0]!.tensor]);
  return { weights, state, tensors };
}

function assertNear(actual: number[], expected: number[], tolerance: number, label: string): void {
  assert.equal(actual.length, expected.length, label);
  actual.forEach((value, i) => assert.ok(Math.abs(value - expected[i]!) <= tolerance, `${label}[${i}]: ${value} vs ${expected[i]}`));
}

for (const backend of ['wasm', 'cpu'] as const) {
  test(`in-place Adam follows TF.js's Adam step for step on ${backend}, with the same saved state and no tensor growth`, async () => {
    await initBackend(backend);
    const reference = await train(() => tf.train.adam(0.05, 0.5, 0.9));
    const fused = await train(() => inPlaceAdam(0.05, 0.5, 0.9));
    // Float64 arithmetic in the loop against float32 kernels: differences at float32 rounding.
    assertNear(fused.weights, reference.weights, 1e-5, 'weights');
    assert.deepEqual(fused.state.names, reference.state.names);
    fused.state.values.forEach((values, i) => assertNear(values, reference.state.values[i]!, 1e-5, fused.state.names[i]!));
    assert.equal(new Set(fused.tensors.slice(2)).size, 1, `tensor count per step: ${fused.tensors.join(' ')}`);
    // The weights moved: the update ran.
    assert.ok(fused.weights.some((value, i) => Math.abs(value - wave(24, 0)[i]!) > 0.1));
  });
}
