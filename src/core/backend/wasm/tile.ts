import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TF } from '../tf';
import { replacingKernel } from './kernelRunner';

type Numeric = Float32Array | Int32Array | Uint8Array;

/**
 * Tile for the wasm backend. The stock kernel computes a multi-dimensional index per output
 * element; batch normalisation's gradient tiles its per-channel statistics to the whole
 * activation ([1,1,1,128] → [64,7,7,128]: 30 ms per call, five calls per DCGAN step). Tiling is
 * block copies: repeating axes from the innermost out, each repetition copies a contiguous block
 * of everything inside that axis, so the work is a few typed-array copies at memory speed.
 */
export function tileWasm(tf: TF): KernelConfig {
  const original = tf.getKernel('Tile', 'wasm');
  if (original === undefined) throw new Error('the wasm backend has no Tile kernel to replace');
  return replacingKernel(original, (args) => {
      const x = args.inputs['x'] as TensorInfo;
      const { reps } = args.attrs as unknown as { reps: number[] };
      // Strings never reach the wasm backend's heap; leave anything unusual to the stock kernel.
      if (x.dtype === 'string' || x.dtype === 'complex64') return original.kernelFunc(args);
      const backend = args.backend as BackendWasm;
      const shape = x.shape.map((size, axis) => size * reps[axis]!);
      const out = backend.makeOutput(shape, x.dtype);
      const tiled = tileValues(backend.typedArrayFromHeap(x) as Numeric, x.shape, reps);
      (backend.typedArrayFromHeap(out) as Numeric).set(tiled);
      return out;
  });
}

/** Row-major values of `values` (of `shape`) repeated reps[axis] times along each axis. */
export function tileValues(values: Numeric, shape: readonly number[], reps: readonly number[]): Numeric {
  let current = values;
  const currentShape = [...shape];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const times = reps[axis]!;
    if (times === 1) continue;
    const outer = currentShape.slice(0, axis).reduce((a, b) => a * b, 1);
    const block = currentShape.slice(axis).reduce((a, b) => a * b, 1);
    const next = new (current.constructor as new (length: number) => Numeric)(outer * block * times);
    for (let o = 0; o < outer; o++) {
      const source = current.subarray(o * block, (o + 1) * block);
      const start = o * block * times;
      if (block === 1) {
        next.fill(source[0]!, start, start + times);
        continue;
      }
      next.set(source, start);
      // Double the copied run until it covers all repetitions: log2(times) copies per block.
      let filled = block;
      while (filled < block * times) {
        const length = Math.min(filled, block * times - filled);
        next.copyWithin(start + filled, start, start + length);
        filled += length;
      }
    }
    current = next;
    currentShape[axis] = currentShape[axis]! * times;
  }
  return current;
}
