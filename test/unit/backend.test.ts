import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeBackend, initBackend } from '../../src/core/backend/init';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import { assertClose, onCpuAndWasm, shapeRandom, wave, withoutLeaks } from './support/kernelCompare';

test('auto picks wasm here, saying why each native backend and WebGPU were skipped', async () => {
  const report = await initBackend('auto');
  assert.equal(report.backend, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  const skipped = report.attempts.filter((a) => !a.ok).map((a) => a.backend);
  assert.deepEqual(skipped, ['tensorflow-gpu', 'webgpu', 'tensorflow']);
  // No Vulkan (or only a software adapter) here: auto passes WebGPU over, saying why.
  assert.match(report.reason, /webgpu unavailable \((no Vulkan (loader|driver)|Dawn found no WebGPU adapter|only a software adapter)/);
  assert.match(report.reason, /tensorflow-gpu unavailable \(@tensorflow\/tfjs-node-gpu is not installed\)/);
  assert.equal(activeBackend(), report);
});

test('a named native backend that is missing is a clear user error', async () => {
  await assert.rejects(initBackend('tensorflow'), (error: Error) =>
    error.name === 'UserError' && /@tensorflow\/tfjs-node is not installed/.test(error.message));
});

type Pad = 'same' | 'valid' | number;
type Pair = [number, number];

/** One convolution: input [batch, height, width, inChannels], filter [kh, kw, inChannels, outChannels]. */
interface ConvCase {
  readonly input: [number, number, number, number];
  readonly kernel: number | Pair;
  readonly outChannels: number;
  readonly strides: number | Pair;
  readonly pad: Pad;
}

const pair = (value: number | Pair): Pair => (typeof value === 'number' ? [value, value] : value);
function filterShape(c: ConvCase): [number, number, number, number] {
  const [kh, kw] = pair(c.kernel);
  return [kh, kw, c.input[3], c.outChannels];
}

/**
 * The filter gradient of Σ conv2d(x, w) ⊙ dy on the active backend, through the gradient TF.js
 * training takes (conv2d's gradient calls Conv2DBackpropFilter). Checks, on the way, that the
 * call leaves no tensor and no backend buffer behind.
 */
function conv2dFilterGradient(c: ConvCase): Float32Array {
  const x = tf.tensor4d(wave(c.input.reduce((a, b) => a * b), 0), c.input);
  const w = tf.zeros(filterShape(c)) as Tensor4D;
  const outShape = tf.conv2d(x, w, c.strides, c.pad).shape;
  const dy = tf.tensor4d(wave(outShape.reduce((a, b) => a * b), 1), outShape);
  const grad = withoutLeaks(() => tf.grads((v: Tensor) =>
    tf.sum(tf.mul(tf.conv2d(x, v as Tensor4D, c.strides, c.pad), dy)))([w])[0]!);
  tf.dispose([x, w, dy]);
  return grad;
}

/** The same for a transposed convolution, whose filter gradient is Conv2DBackpropFilter with x and dy swapped. */
function conv2dTransposeFilterGradient(c: ConvCase): Float32Array {
  const [batch, height, width, channels] = c.input;
  const [sh, sw] = pair(c.strides);
  const [kh, kw] = pair(c.kernel);
  const outShape: [number, number, number, number] = c.pad === 'same'
    ? [batch, height * sh, width * sw, c.outChannels]
    : [batch, (height - 1) * sh + kh, (width - 1) * sw + kw, c.outChannels];
  const x = tf.tensor4d(wave(batch * height * width * channels, 0), c.input);
  // conv2dTranspose filters are [kh, kw, outChannels, inChannels].
  const w = tf.zeros([kh, kw, c.outChannels, channels]) as Tensor4D;
  const dy = tf.tensor4d(wave(outShape.reduce((a, b) => a * b), 1), outShape);
  const grad = withoutLeaks(() => tf.grads((v: Tensor) =>
    tf.sum(tf.mul(tf.conv2dTranspose(x, v as Tensor4D, outShape, c.strides, c.pad as 'same' | 'valid'), dy)))([w])[0]!);
  tf.dispose([x, w, dy]);
  return grad;
}

const describe = (c: ConvCase) =>
  `input ${c.input.join('x')}, kernel ${pair(c.kernel).join('x')}, ${c.outChannels} out, strides ${pair(c.strides).join('x')}, pad ${c.pad}`;

const convCases: ConvCase[] = [
  { input: [2, 7, 7, 3], kernel: 3, outChannels: 5, strides: 2, pad: 'same' },
  { input: [1, 7, 7, 1], kernel: 3, outChannels: 3, strides: 1, pad: 'same' },
  { input: [3, 7, 7, 3], kernel: 4, outChannels: 8, strides: 2, pad: 'same' },
  { input: [3, 7, 7, 8], kernel: 5, outChannels: 1, strides: 1, pad: 'valid' },
  // 'valid' leaves the last row and column unread by any window: the input must be cropped.
  { input: [1, 7, 7, 3], kernel: 4, outChannels: 3, strides: 2, pad: 'valid' },
  { input: [3, 28, 28, 1], kernel: 5, outChannels: 8, strides: 2, pad: 'valid' },
  { input: [3, 28, 28, 1], kernel: 4, outChannels: 8, strides: 2, pad: 'same' },
  { input: [1, 28, 28, 8], kernel: 3, outChannels: 3, strides: 1, pad: 'same' },
  { input: [3, 7, 7, 3], kernel: 3, outChannels: 8, strides: 2, pad: 1 },
  { input: [1, 9, 6, 3], kernel: [3, 4], outChannels: 8, strides: [2, 1], pad: 'same' },
  { input: [3, 9, 6, 1], kernel: [5, 2], outChannels: 3, strides: [1, 2], pad: 'valid' },
  // The only window lies wholly in the padding: the gradient is zero.
  { input: [2, 2, 2, 3], kernel: 1, outChannels: 2, strides: 5, pad: 1 },
];

// Random shapes too (fixed seed): strides 1–3, square and non-square kernels, every padding kind.
const random = shapeRandom(17);
for (let i = 0; i < 8; i++) {
  const kernel: Pair = [random(1, 5), random(1, 5)];
  const strides: Pair = [random(1, 3), random(1, 3)];
  const pads: Pad[] = ['same', 'valid', random(0, 2)];
  const input: [number, number, number, number] = [random(1, 3), random(kernel[0], 12), random(kernel[1], 12), random(1, 6)];
  // TF.js's own wasm Conv2D mis-sizes non-square numeric padding (it uses the height's filter and
  // stride for both axes), so numeric pads keep square kernels and strides here.
  const pad = pads[i % 3]!;
  convCases.push(typeof pad === 'number'
    ? { input, kernel: kernel[0], outChannels: random(1, 8), strides: strides[0], pad }
    : { input, kernel, outChannels: random(1, 8), strides, pad });
}

for (const c of convCases) {
  test(`wasm conv2d filter gradient matches the cpu backend: ${describe(c)}`, async () => {
    const [expected, actual] = await onCpuAndWasm(() => conv2dFilterGradient(c));
    assert.equal(actual.length, filterShape(c).reduce((a, b) => a * b));
    assertClose(actual, expected, describe(c));
  });
}

const transposeCases: ConvCase[] = [
  { input: [3, 7, 7, 8], kernel: 4, outChannels: 3, strides: 2, pad: 'same' },
  { input: [1, 14, 14, 3], kernel: 4, outChannels: 1, strides: 2, pad: 'same' },
  { input: [3, 5, 5, 3], kernel: 3, outChannels: 8, strides: 2, pad: 'valid' },
];

for (const c of transposeCases) {
  test(`wasm conv2dTranspose filter gradient matches the cpu backend: ${describe(c)}`, async () => {
    const [expected, actual] = await onCpuAndWasm(() => conv2dTransposeFilterGradient(c));
    assertClose(actual, expected, describe(c));
  });
}

test('the wasm filter gradient leaves the wasm heap as it found it over many calls', async () => {
  await initBackend('wasm');
  const backend = tf.backend() as BackendWasm;
  // Any view from the heap tells its current size: the heap only grows, never shrinks.
  const probe = tf.scalar(0);
  const heapBytes = () => backend.typedArrayFromHeap(probe).buffer.byteLength;
  const c: ConvCase = { input: [8, 14, 14, 16], kernel: 4, outChannels: 32, strides: 2, pad: 'same' };
  conv2dFilterGradient(c);
  const heap = heapBytes();
  // Each call makes a fresh XNNPACK operator for a fresh filter; a leak would grow the heap quickly.
  for (let i = 0; i < 40; i++) conv2dFilterGradient(c);
  assert.equal(heapBytes(), heap);
  probe.dispose();
});
