import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/core/backend/init';
import { tf } from '../../src/core/backend/tf';
import { assertClose, onCpuAndWasm, shapeRandom, wave, withoutLeaks } from './support/kernelCompare';

type Pair = [number, number];
type Explicit = [[0, 0], Pair, Pair, [0, 0]];
type Pad = 'same' | 'valid' | number | Explicit;
type Rounding = 'floor' | 'round' | 'ceil';

/** A convolution whose input gradient is dx [batch, height, width, inChannels]. */
interface InputGradientCase {
  readonly batch: number;
  readonly height: number;
  readonly width: number;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernel: Pair;
  readonly strides: Pair;
  readonly pad: Pad;
  readonly rounding?: Rounding;
}

const describe = (c: InputGradientCase) =>
  `dx ${c.batch}x${c.height}x${c.width}x${c.inChannels}, kernel ${c.kernel.join('x')}, ${c.outChannels} out, ` +
  `strides ${c.strides.join('x')}, pad ${JSON.stringify(c.pad)}${c.rounding ? `, ${c.rounding}` : ''}`;

const dxShape = (c: InputGradientCase): [number, number, number, number] => [c.batch, c.height, c.width, c.inChannels];
const filterShape = (c: InputGradientCase): [number, number, number, number] => [...c.kernel, c.inChannels, c.outChannels];
const dyShape = (c: InputGradientCase): [number, number, number, number] =>
  tf.backend_util.computeConv2DInfo(dxShape(c), filterShape(c), c.strides, 1, c.pad, c.rounding).outShape;
const sized = (shape: number[], phase: number) => tf.tensor4d(wave(shape.reduce((a, b) => a * b), phase), shape as [number, number, number, number]);

/** Conv2DBackpropInput as a transposed convolution's forward pass. */
function transposed(c: InputGradientCase): Tensor {
  return tf.tidy(() => tf.conv2dTranspose(sized(dyShape(c), 1), sized(filterShape(c), 2), dxShape(c), c.strides, c.pad, c.rounding));
}

/** Conv2DBackpropInput as the input gradient of Σ conv2d(x, w) ⊙ dy, the way training reaches it. */
function convolutionInputGradient(c: InputGradientCase): Tensor {
  return tf.tidy(() => {
    const weights = sized(filterShape(c), 2);
    const dy = sized(dyShape(c), 1);
    const forward = (x: Tensor) => tf.sum(tf.mul(tf.conv2d(x as Tensor4D, weights, c.strides, c.pad, 'NHWC', 1, c.rounding), dy));
    return tf.grad(forward)(tf.zeros(dxShape(c)));
  });
}

const fixedCases: InputGradientCase[] = [
  // DCGAN's generator, scaled down: 4x4 kernel, stride 2, 'same' doubles the size.
  { batch: 2, height: 14, width: 14, inChannels: 8, outChannels: 16, kernel: [4, 4], strides: [2, 2], pad: 'same' },
  { batch: 1, height: 28, width: 28, inChannels: 1, outChannels: 8, kernel: [4, 4], strides: [2, 2], pad: 'same' },
  // Kernel shorter than the stride: whole phases of dx get no tap and must be zero.
  { batch: 2, height: 7, width: 8, inChannels: 3, outChannels: 2, kernel: [1, 1], strides: [2, 2], pad: 'valid' },
  { batch: 1, height: 9, width: 7, inChannels: 2, outChannels: 3, kernel: [2, 1], strides: [3, 3], pad: 'same' },
  // 'valid' leaves the last rows and columns unread by any window: their gradient is zero.
  { batch: 3, height: 8, width: 9, inChannels: 3, outChannels: 4, kernel: [3, 3], strides: [3, 2], pad: 'valid' },
  // Inputs smaller than the kernel; padding larger than a phase's taps.
  { batch: 1, height: 2, width: 3, inChannels: 2, outChannels: 3, kernel: [5, 4], strides: [2, 3], pad: 'same' },
  { batch: 2, height: 3, width: 3, inChannels: 2, outChannels: 2, kernel: [2, 2], strides: [1, 1], pad: [[0, 0], [3, 0], [0, 4], [0, 0]] },
  // Rounding of a numeric pad's output size up and down.
  { batch: 2, height: 8, width: 7, inChannels: 3, outChannels: 2, kernel: [3, 2], strides: [3, 2], pad: 1, rounding: 'ceil' },
  { batch: 1, height: 10, width: 9, inChannels: 2, outChannels: 3, kernel: [4, 3], strides: [3, 3], pad: 2, rounding: 'round' },
];

/** Random shapes (fixed seed) for each stride, the mixed ones included. */
const random = shapeRandom(31);
const randomPad = (): Pad => {
  const choice = random(0, 3);
  if (choice === 0) return 'same';
  if (choice === 1) return 'valid';
  if (choice === 2) return random(0, 2);
  return [[0, 0], [random(0, 2), random(0, 2)], [random(0, 2), random(0, 2)], [0, 0]];
};
const randomCases: InputGradientCase[] = [];
for (const strides of [[1, 1], [2, 2], [3, 3], [2, 1], [1, 3]] as Pair[]) {
  for (let i = 0; i < 5; i++) {
    const kernel: Pair = [random(1, 5), random(1, 5)];
    randomCases.push({
      batch: random(1, 3), height: random(kernel[0], 13), width: random(kernel[1], 13),
      inChannels: random(1, 6), outChannels: random(1, 6), kernel, strides, pad: randomPad(),
    });
  }
}

/**
 * Whether the wasm forward Conv2D (the gradient path runs it first) writes the output TF.js sized.
 * TF.js sizes a numeric pad's output with the filter height and stride height on both axes and
 * with the requested rounding; XNNPACK uses each axis's own and floors, so a non-square numeric
 * case writes past its output and corrupts the heap. Such cases are tested as transposed only.
 */
const forwardConvSound = (c: InputGradientCase): boolean => typeof c.pad !== 'number'
  || (c.kernel[0] === c.kernel[1] && c.strides[0] === c.strides[1] && (c.rounding ?? 'floor') === 'floor');

for (const c of [...fixedCases, ...randomCases]) {
  test(`wasm conv2dTranspose matches the cpu backend: ${describe(c)}`, async () => {
    const [expected, actual] = await onCpuAndWasm(() => withoutLeaks(() => transposed(c)));
    assert.equal(actual.length, dxShape(c).reduce((a, b) => a * b));
    assertClose(actual, expected, describe(c));
  });

  if (!forwardConvSound(c)) continue;
  test(`wasm conv2d input gradient matches the cpu backend: ${describe(c)}`, async () => {
    const [expected, actual] = await onCpuAndWasm(() => withoutLeaks(() => convolutionInputGradient(c)));
    assertClose(actual, expected, describe(c));
  });
}

test('channels-first input gradients still go to the stock wasm kernel and match the cpu backend', async () => {
  const [expected, actual] = await onCpuAndWasm(() => withoutLeaks(() => tf.tidy(() => {
    const dy = sized([2, 4, 4, 4], 1);
    const filter = sized([3, 3, 3, 4], 2);
    // dx [2, 3, 7, 8] is channels-first: 3 channels of 7x8; dy [2, 4, 4, 4] likewise.
    const attrs = { strides: [2, 2], pad: 'same', dataFormat: 'NCHW', inputShape: [2, 3, 7, 8] };
    return tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, attrs) as Tensor;
  })));
  assertClose(actual, expected, 'NCHW');
});

test('the wasm input gradient leaves the backend buffers and the wasm heap as it found them over many calls', async () => {
  await initBackend('wasm');
  const backend = tf.backend() as BackendWasm;
  // Any view from the heap tells its current size: the heap only grows, never shrinks.
  const probe = tf.scalar(0);
  const heapBytes = () => backend.typedArrayFromHeap(probe).buffer.byteLength;
  const c: InputGradientCase = { batch: 8, height: 14, width: 14, inChannels: 16, outChannels: 32, kernel: [4, 4], strides: [2, 2], pad: 'same' };
  transposed(c).dispose();
  const buffers = backend.numDataIds();
  const heap = heapBytes();
  // Each call makes fresh sub-filters, so fresh XNNPACK operators; a leak would grow the heap quickly.
  for (let i = 0; i < 40; i++) transposed(c).dispose();
  assert.equal(backend.numDataIds(), buffers, 'the sub-filters and phase outputs must be freed');
  assert.equal(heapBytes(), heap);
  probe.dispose();
});
