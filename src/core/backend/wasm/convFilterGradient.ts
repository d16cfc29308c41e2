import type { TensorInfo, backend_util } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TF } from '../tf';
import { kernelRunner } from './kernelRunner';

type Conv2DInfo = backend_util.Conv2DInfo;

/**
 * The filter gradient of a channels-last convolution, computed by the wasm backend's own kernels
 * (XNNPACK) instead of a JavaScript loop. The definition
 *   dW[kh,kw,ci,co] = Σ_{b,oh,ow} xpad[b, oh·s+kh, ow·s+kw, ci] · dy[b,oh,ow,co]
 * is itself a convolution once batch and channels swap roles: with X' = xᵀ[ci,H,W,b] as the input
 * and F' = dyᵀ[oh,ow,b,co] as the filter, a stride-1 convolution dilated by the forward stride
 * s gives [ci,kh,kw,co]; the forward padding becomes the explicit padding of that convolution.
 * So the work is two transposes in, one convolution, one transpose out. The wasm Conv2D passes
 * dilations straight to XNNPACK, which reads dilated windows through its indirection buffer.
 */
export function filterGradientByConvolution(
  tf: TF, backend: BackendWasm, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo,
): TensorInfo {
  const rows = usedExtent(info.inHeight, info.outHeight, info.strideHeight, info.filterHeight, info.padInfo.top);
  const cols = usedExtent(info.inWidth, info.outWidth, info.strideWidth, info.filterWidth, info.padInfo.left);
  if (rows.keep <= 0 || cols.keep <= 0 || info.batchSize === 0 || info.outHeight <= 0 || info.outWidth <= 0) {
    return zeros(backend, info);
  }
  const run = kernelRunner(tf, backend, 'Conv2DBackpropFilter');
  // Intermediates this function owns; x and dy belong to the caller and stay.
  const owned: TensorInfo[] = [];
  const own = (t: TensorInfo): TensorInfo => { owned.push(t); return t; };
  try {
    // Rows and columns no output position reads (stride leftovers under 'valid' or floor rounding)
    // must go: the convolution below would otherwise see a wrong output size.
    const cropped = rows.keep < info.inHeight || cols.keep < info.inWidth
      ? own(run('Slice', { x }, { begin: [0, 0, 0, 0], size: [-1, rows.keep, cols.keep, -1] }))
      : x;
    const input = own(run('Transpose', { x: cropped }, { perm: [3, 1, 2, 0] }));
    const filter = own(run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }));
    const product = own(run('Conv2D', { x: input, filter }, {
      strides: [1, 1],
      pad: [[0, 0], [info.padInfo.top, rows.after], [info.padInfo.left, cols.after], [0, 0]],
      dilations: [info.strideHeight, info.strideWidth],
      dataFormat: 'NHWC',
    }));
    return run('Transpose', { x: product }, { perm: [1, 2, 0, 3] });
  } finally {
    for (const t of owned) backend.disposeData(t.dataId);
  }
}

interface Extent {
  /** How many leading input rows (or columns) some output position reads. */
  readonly keep: number;
  /** Zero padding after them that the windows of the last output position reach into. */
  readonly after: number;
}

/** Along one axis: the windows span padBefore + input + padAfter = (out−1)·stride + filter. */
function usedExtent(input: number, output: number, stride: number, filter: number, padBefore: number): Extent {
  const span = (output - 1) * stride + filter;
  const keep = Math.min(input, span - padBefore);
  return { keep, after: span - padBefore - Math.max(keep, 0) };
}

/** Nothing to sum (an empty batch, or windows that only ever cover padding): the gradient is 0. */
function zeros(backend: BackendWasm, info: Conv2DInfo): TensorInfo {
  const out = backend.makeOutput([info.filterHeight, info.filterWidth, info.inChannels, info.outChannels], 'float32');
  (backend.typedArrayFromHeap(out) as Float32Array).fill(0);
  return out;
}
