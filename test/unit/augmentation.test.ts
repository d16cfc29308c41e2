import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/core/backend/init';
import { tf } from '../../src/core/backend/tf';
import { drawWarps, warpImages } from '../../src/core/objectives/augmentation';
import { Random } from '../../src/core/util/random';
import { assertNoLeak, useTestBackend } from './support/backend';

const none = { rotation: 0, translation: 0, scale: 0 };
/** Images with distinct values everywhere, so any misplaced pixel shows. */
const ramp = (count: number, side: number, channels: number) =>
  tf.tensor(Float32Array.from({ length: count * side * side * channels }, (_, i) => Math.sin(i * 0.37)), [count, side, side, channels]);
const read = (x: Tensor) => Array.from(x.dataSync());

test('warps are drawn from the run\'s Random, within their limits, and the same seed gives the same warps', () => {
  const config = { rotation: 15, translation: 2, scale: 0.1 };
  const maps = drawWarps(new Random(4), 500, config, 28, 28);
  assert.deepEqual(maps, drawWarps(new Random(4), 500, config, 28, 28));
  assert.notDeepEqual(maps, drawWarps(new Random(5), 500, config, 28, 28));
  for (let i = 0; i < 500; i++) {
    const [a, b, , d] = maps.subarray(i * 6, i * 6 + 4) as unknown as number[];
    const zoom = 1 / Math.hypot(a!, b!);
    const angle = Math.atan2(-d!, a!) * 180 / Math.PI;
    assert.ok(zoom >= 0.9 - 1e-6 && zoom <= 1.1 + 1e-6, `zoom ${zoom}`);
    assert.ok(Math.abs(angle) <= 15 + 1e-4, `angle ${angle}`);
  }
  // The centre pixel lands at most `translation` pixels away along each axis.
  const centre = 13.5;
  for (let i = 0; i < 500; i++) {
    const [a, b, c, d, e, f] = maps.subarray(i * 6, i * 6 + 6) as unknown as number[];
    // Solve map(u, v) = centre for the output position the centre moved to.
    const det = a! * e! - b! * d!;
    const u = (e! * (centre - c!) - b! * (centre - f!)) / det;
    const v = (a! * (centre - f!) - d! * (centre - c!)) / det;
    assert.ok(Math.abs(u - centre) <= 2 + 1e-4 && Math.abs(v - centre) <= 2 + 1e-4, `centre moved to ${u}, ${v}`);
  }
});

test('no rotation, zoom or shift gives the images back unchanged, on every channel', async () => {
  await useTestBackend();
  const images = ramp(3, 8, 3);
  const warped = warpImages(images, drawWarps(new Random(1), 3, none, 8, 8));
  assert.deepEqual(read(warped), read(images));
  tf.dispose([images, warped]);
});

test('a whole-pixel shift moves every pixel and fills from the border; a quarter turn is a transpose and a flip', async () => {
  await useTestBackend();
  const side = 6;
  const images = ramp(1, side, 1);
  const pixel = (values: number[], x: number, y: number) => values[y * side + x]!;
  const source = read(images);
  // The inverse map reads (u − 2, v + 1): the content moves right by 2 and up by 1.
  const shifted = read(warpImages(images, Float32Array.from([1, 0, -2, 0, 1, 1])));
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const expected = pixel(source, Math.max(x - 2, 0), Math.min(y + 1, side - 1));
      assert.ok(Math.abs(pixel(shifted, x, y) - expected) < 1e-6, `(${x}, ${y})`);
    }
  }
  // A 90° turn about the centre: output (u, v) reads (v, side − 1 − u).
  const turned = read(warpImages(images, Float32Array.from([0, 1, 0, -1, 0, side - 1])));
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) assert.ok(Math.abs(pixel(turned, x, y) - pixel(source, y, side - 1 - x)) < 1e-6);
  }
  images.dispose();
});

test('between pixels the warp interpolates bilinearly', async () => {
  await useTestBackend();
  const images = tf.tensor([0, 1, 2, 3], [1, 2, 2, 1]);
  // Every output pixel reads the centre of the 2×2 image: the mean of its four values.
  const warped = warpImages(images, Float32Array.from([0, 0, 0.5, 0, 0, 0.5]));
  assert.deepEqual(read(warped), [1.5, 1.5, 1.5, 1.5]);
  tf.dispose([images, warped]);
});

test('the gradient is the warp\'s transpose: ⟨W x, y⟩ = ⟨x, ∇ₓ⟨W x, y⟩⟩ for a batch of random warps, without leaking', async () => {
  await useTestBackend();
  const count = 4;
  const images = ramp(count, 10, 2);
  const probe = tf.randomNormal([count, 10, 10, 2], 0, 1, 'float32', 3);
  const maps = drawWarps(new Random(9), count, { rotation: 30, translation: 3, scale: 0.2 }, 10, 10);
  const [forward, adjoint] = assertNoLeak(() => tf.tidy(() => {
    const gradient = tf.grad((x: Tensor) => tf.sum(tf.mul(warpImages(x, maps), probe)))(images);
    return [tf.sum(tf.mul(warpImages(images, maps), probe)).dataSync()[0]!, tf.sum(tf.mul(images, gradient)).dataSync()[0]!];
  }));
  assert.ok(Math.abs(forward! - adjoint!) < 1e-3 * Math.max(1, Math.abs(forward!)), `⟨Wx, y⟩ ${forward} vs ⟨x, Wᵀy⟩ ${adjoint}`);
  // A warp changes the images: the gradient is not the identity's.
  const identityGradient = tf.tidy(() => tf.grad((x: Tensor) => tf.sum(tf.mul(warpImages(x, drawWarps(new Random(1), count, none, 10, 10)), probe)))(images));
  assert.deepEqual(read(identityGradient), read(probe));
  tf.dispose([images, probe, identityGradient]);
});

test('a warp count that does not match the batch is an internal error naming both', async () => {
  await useTestBackend();
  const images = ramp(2, 4, 1);
  assert.throws(() => warpImages(images, new Float32Array(6)), /1 warps for 2 images/);
  images.dispose();
});

test('the gather form (for backends whose values are not on the host, WebGPU) gives the host loop\'s images and gradients', async () => {
  // On cpu: wasm has no UnsortedSegmentSum, the gradient of gather (it never takes this form).
  await initBackend('cpu');
  const count = 3;
  const images = ramp(count, 9, 2);
  const probe = tf.randomNormal([count, 9, 9, 2], 0, 1, 'float32', 5);
  const maps = drawWarps(new Random(12), count, { rotation: 25, translation: 2, scale: 0.15 }, 9, 9);
  const run = (way: 'host' | 'gather') => assertNoLeak(() => tf.tidy(() => {
    const warped = warpImages(images, maps, way);
    const gradient = tf.grad((x: Tensor) => tf.sum(tf.mul(warpImages(x, maps, way), probe)))(images);
    return [read(warped), read(gradient)];
  }));
  const [hostImages, hostGradient] = run('host');
  const [gatherImages, gatherGradient] = run('gather');
  const largest = (a: number[], b: number[]) => Math.max(...a.map((value, i) => Math.abs(value - b[i]!)));
  assert.ok(largest(hostImages!, gatherImages!) < 1e-5, 'warped images differ');
  assert.ok(largest(hostGradient!, gatherGradient!) < 1e-5, 'gradients differ');
  // Not a trivial pass: the warp moved pixels.
  assert.ok(largest(hostImages!, read(images)) > 0.1);
  tf.dispose([images, probe]);
  await useTestBackend();
});
