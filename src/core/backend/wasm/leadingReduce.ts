import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TF } from '../tf';
import { kernelRunner, replacingKernel } from './kernelRunner';

/**
 * Sum and Mean over leading axes for the wasm backend. Every bias gradient sums over the batch
 * (axis 0) and batch normalisation's gradient over batch, height and width; the stock kernels
 * first transpose the reduced axes to the end, a full extra pass with a scalar index loop
 * (a DCGAN step spends ~40 ms there). Reducing leading axes needs no transpose: it is a row
 * vector times a matrix, which XNNPACK's GEMM does at memory speed.
 * Other axes, and other dtypes, go to the stock kernels.
 */
export function leadingReduceWasm(tf: TF, kernelName: 'Sum' | 'Mean'): KernelConfig {
  const stock = tf.getKernel(kernelName, 'wasm');
  if (stock === undefined) throw new Error(`the wasm backend has no ${kernelName} kernel to wrap`);
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs['x'] as TensorInfo;
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.every((a, i) => a === i);
    const rows = x.shape.slice(0, axes.length).reduce((a, b) => a * b, 1);
    // An empty reduction keeps TF.js's own semantics (a mean of nothing is NaN).
    if (x.dtype !== 'float32' || !leading || rows === 0) return stock.kernelFunc(args);
    const rest = x.shape.slice(axes.length);
    const shape = keepDims ? [...axes.map(() => 1), ...rest] : rest;
    const backend = args.backend as BackendWasm;
    const run = kernelRunner(tf, backend, kernelName);
    // A row vector of ones (of 1/rows for a mean) times the rows: one GEMM through XNNPACK.
    const weights = backend.makeOutput([1, 1, rows], 'float32');
    (backend.typedArrayFromHeap(weights) as Float32Array).fill(kernelName === 'Mean' ? 1 / rows : 1);
    const owned = [weights];
    try {
      const matrix = run('Reshape', { x }, { shape: [1, rows, rest.reduce((a, b) => a * b, 1)] });
      owned.push(matrix);
      const product = run('BatchMatMul', { a: weights, b: matrix }, { transposeA: false, transposeB: false });
      owned.push(product);
      return run('Reshape', { x: product }, { shape });
    } finally {
      for (const t of owned) backend.disposeData(t.dataId);
    }
  };
  return replacingKernel(stock, kernelFunc);
}
