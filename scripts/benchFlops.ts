// Counts the floating-point operations a training step asks of the backend, by wrapping its
// matrix-product and convolution kernels: 2 per multiply-add, as BLAS figures count them.
// Element-wise kernels (activations, optimizer updates) are left out: they are memory-bound and
// a small share of the arithmetic, so GFLOP/s here is the dense-arithmetic rate.
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import { tf } from '../src/core/backend/tf';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

type Attrs = Record<string, unknown>;
type Inputs = Record<string, TensorInfo | undefined>;

function matMulFlops(inputs: Inputs, attrs: Attrs): number {
  const a = inputs['a']!.shape;
  const b = inputs['b']!.shape;
  const k = attrs['transposeA'] ? a[a.length - 2]! : a[a.length - 1]!;
  const n = attrs['transposeB'] ? b[b.length - 2]! : b[b.length - 1]!;
  const batchAndRows = size(a) / k;
  return 2 * batchAndRows * k * n;
}

/** Every output element of a convolution (and of both its gradients) is a window's dot product. */
function convFlops(outputShape: readonly number[], filterShape: readonly number[]): number {
  const [kh, kw, inChannels, outChannels] = filterShape as [number, number, number, number];
  return 2 * (size(outputShape) / outChannels) * kh * kw * inChannels * outChannels;
}

const counters: Record<string, (inputs: Inputs, attrs: Attrs) => number> = {
  BatchMatMul: matMulFlops,
  _FusedMatMul: matMulFlops,
  Conv2D: (inputs, attrs) => convOut(inputs['x']!.shape, inputs['filter']!.shape, attrs),
  FusedConv2D: (inputs, attrs) => convOut(inputs['x']!.shape, inputs['filter']!.shape, attrs),
  // dy has the forward output's shape; the filter gives the window.
  Conv2DBackpropInput: (inputs) => convFlops(inputs['dy']!.shape, inputs['filter']!.shape),
  Conv2DBackpropFilter: (inputs, attrs) => convFlops(inputs['dy']!.shape, attrs['filterShape'] as number[]),
};

function convOut(x: readonly number[], filter: readonly number[], attrs: Attrs): number {
  const info = tf.backend_util.computeConv2DInfo(x as [number, number, number, number], filter as [number, number, number, number],
    attrs['strides'] as number, (attrs['dilations'] as number | undefined) ?? 1, attrs['pad'] as 'same', attrs['dimRoundingMode'] as undefined);
  return convFlops(info.outShape, filter);
}

/** Wraps the active backend's counted kernels; `count()` reads and resets the running total. */
export function countFlops(): { count(): number } {
  const backend = tf.getBackend();
  let total = 0;
  let depth = 0;
  for (const [kernelName, flops] of Object.entries(counters)) {
    const original = tf.getKernel(kernelName, backend) as KernelConfig | undefined;
    if (!original) continue;
    tf.unregisterKernel(kernelName, backend);
    tf.registerKernel({
      ...original,
      kernelFunc: (args) => {
        // Kernels built from other kernels (a transposed product, a convolution gradient) count once.
        if (depth === 0) total += flops(args.inputs as Inputs, (args.attrs ?? {}) as Attrs);
        depth++;
        try {
          return original.kernelFunc(args);
        } finally {
          depth--;
        }
      },
    });
  }
  return { count: () => { const value = total; total = 0; return value; } };
}
