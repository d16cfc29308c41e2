import type { TensorInfo, backend_util } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TF } from '../tf';
import { kernelRunner } from './kernelRunner';

type Conv2DInfo = backend_util.Conv2DInfo;

/**
 * The input gradient of a channels-last convolution (what a transposed convolution computes),
 * as stride-1 convolutions run by the wasm backend's XNNPACK Conv2D instead of its scalar loop.
 *
 * Sub-pixel decomposition: along an axis with stride s and forward padding `before`, output row
 * y = s·i + r (phase r < s) only receives the filter taps k ≡ (r + before) mod s, so
 *   dx[s·i + r] = Σ_{t < taps} dy[i + c − t] · W[k0 + s·t],  k0 = (r+before) mod s, c = ⌊(r+before)/s⌋
 * which is a stride-1 correlation of dy with the taps k0, k0+s, … in reverse order. Doing that on
 * both axes gives s_h·s_w small convolutions whose outputs interleave into dx; no multiplication
 * touches the zeros a dilate-then-convolve transposed convolution would insert.
 */
export function inputGradientByPhases(
  tf: TF, backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo,
): TensorInfo {
  const rowPhases = phasesAlong(info.inHeight, info.outHeight, info.strideHeight, info.filterHeight, info.padInfo.top);
  const colPhases = phasesAlong(info.inWidth, info.outWidth, info.strideWidth, info.filterWidth, info.padInfo.left);
  const dx = backend.makeOutput(info.inShape, 'float32');
  const run = kernelRunner(tf, backend, 'Conv2DBackpropInput');
  try {
    for (const rows of rowPhases) {
      for (const cols of colPhases) {
        if (rows.outputs === 0 || cols.outputs === 0) continue;
        const phase = rows.reads && cols.reads ? phaseConvolution(run, backend, dy, filter, info, rows, cols) : undefined;
        try {
          // Views are taken after the kernels ran: a kernel may grow the heap, detaching older views.
          const source = phase === undefined ? undefined : backend.typedArrayFromHeap(phase) as Float32Array;
          interleave(backend.typedArrayFromHeap(dx) as Float32Array, source, info, rows, cols);
        } finally {
          if (phase !== undefined) backend.disposeData(phase.dataId);
        }
      }
    }
  } catch (error) {
    // No tensor owns dx yet: free it here or it stays on the heap.
    backend.disposeData(dx.dataId);
    throw error;
  }
  return dx;
}

/** Whether the phase decomposition applies; otherwise the stock kernel runs. */
export function phasesApply(dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo): boolean {
  return info.dataFormat === 'channelsLast' && dy.dtype === 'float32' && filter.dtype === 'float32'
    && info.dilationHeight === 1 && info.dilationWidth === 1
    // Negative (cropping) padding would need a different phase offset; no layer produces it.
    && info.padInfo.top >= 0 && info.padInfo.left >= 0
    // dy must be the size the attributes imply: the phases are planned from the attributes.
    && dy.shape[0] === info.batchSize && dy.shape[1] === info.outHeight && dy.shape[2] === info.outWidth
    && info.inShape.every((extent) => extent > 0) && dy.shape.every((extent) => extent > 0);
}

/** One phase along one axis: which dx rows (or columns) it fills and how it reads dy. */
interface AxisPhase {
  /** r: the phase fills dx rows s·i + r. */
  readonly phase: number;
  /** n: how many rows it fills, i < n. */
  readonly outputs: number;
  /** k0: its first filter tap; the others follow at the stride. */
  readonly firstTap: number;
  /** How many filter taps reach it (0 when the filter is shorter than the stride). */
  readonly taps: number;
  /** False when no dy row reaches it: its rows of dx are zero. */
  readonly reads: boolean;
  /** The dy rows its correlation reads, clipped to dy, ... */
  readonly cropBegin: number;
  readonly cropSize: number;
  /** ... and the zero rows around them that make the correlation produce exactly `outputs` rows. */
  readonly padBefore: number;
  readonly padAfter: number;
}

/**
 * The phases along one axis of extent `size` (dx) and `dyExtent` (dy), for a forward convolution
 * with this stride, filter extent and padding before. Output i of phase r reads dy rows
 * i + c − t for t < taps, so the phase as a whole reads rows [c − taps + 1, c + n).
 */
function phasesAlong(size: number, dyExtent: number, stride: number, filterExtent: number, padBefore: number): AxisPhase[] {
  const phases: AxisPhase[] = [];
  for (let phase = 0; phase < stride; phase++) {
    const firstTap = (phase + padBefore) % stride;
    const taps = Math.max(0, Math.ceil((filterExtent - firstTap) / stride));
    const offset = Math.floor((phase + padBefore) / stride);
    const outputs = Math.max(0, Math.ceil((size - phase) / stride));
    const begin = offset - taps + 1;
    const end = offset + outputs;
    const cropBegin = Math.max(begin, 0);
    const cropEnd = Math.min(end, dyExtent);
    phases.push({
      phase, outputs, firstTap, taps,
      reads: taps > 0 && outputs > 0 && cropBegin < cropEnd,
      cropBegin, cropSize: cropEnd - cropBegin,
      padBefore: cropBegin - begin, padAfter: end - cropEnd,
    });
  }
  return phases;
}

/** The stride-1 convolution of dy with the phase's sub-filter: [batch, rows.outputs, cols.outputs, inChannels]. */
function phaseConvolution(
  run: ReturnType<typeof kernelRunner>, backend: BackendWasm, dy: TensorInfo, filter: TensorInfo, info: Conv2DInfo,
  rows: AxisPhase, cols: AxisPhase,
): TensorInfo {
  const owned: TensorInfo[] = [];
  try {
    const subFilter = phaseFilter(backend, filter, info, rows, cols);
    owned.push(subFilter);
    const whole = rows.cropSize === info.outHeight && cols.cropSize === info.outWidth;
    const input = whole ? dy : run('Slice', { x: dy }, {
      begin: [0, rows.cropBegin, cols.cropBegin, 0], size: [-1, rows.cropSize, cols.cropSize, -1],
    });
    if (!whole) owned.push(input);
    return run('Conv2D', { x: input, filter: subFilter }, {
      strides: [1, 1],
      pad: [[0, 0], [rows.padBefore, rows.padAfter], [cols.padBefore, cols.padAfter], [0, 0]],
      dilations: [1, 1],
      dataFormat: 'NHWC',
    });
  } finally {
    for (const t of owned) backend.disposeData(t.dataId);
  }
}

/**
 * The phase's taps of W[kh, kw, ci, co], reversed along both axes (a correlation reads dy forwards
 * where the gradient reads it backwards) and with the channels swapped: F[u, v, co, ci].
 */
function phaseFilter(backend: BackendWasm, filter: TensorInfo, info: Conv2DInfo, rows: AxisPhase, cols: AxisPhase): TensorInfo {
  const { inChannels, outChannels, filterWidth, strideHeight, strideWidth } = info;
  const out = backend.makeOutput([rows.taps, cols.taps, outChannels, inChannels], 'float32');
  // Both views after makeOutput, which may grow the heap.
  const weights = backend.typedArrayFromHeap(filter) as Float32Array;
  const sub = backend.typedArrayFromHeap(out) as Float32Array;
  const block = inChannels * outChannels;
  for (let u = 0; u < rows.taps; u++) {
    const ky = rows.firstTap + strideHeight * (rows.taps - 1 - u);
    for (let v = 0; v < cols.taps; v++) {
      const kx = cols.firstTap + strideWidth * (cols.taps - 1 - v);
      const from = (ky * filterWidth + kx) * block;
      const to = (u * cols.taps + v) * block;
      for (let ci = 0; ci < inChannels; ci++) {
        const fromRow = from + ci * outChannels;
        for (let co = 0; co < outChannels; co++) sub[to + co * inChannels + ci] = weights[fromRow + co]!;
      }
    }
  }
  return out;
}

/** Writes a phase's output (or zeros, when no dy row reaches it) to dx[b, s_h·i + r_h, s_w·j + r_w, :]. */
function interleave(dx: Float32Array, source: Float32Array | undefined, info: Conv2DInfo, rows: AxisPhase, cols: AxisPhase): void {
  const channels = info.inChannels;
  const rowStride = info.inWidth * channels;
  const colStep = info.strideWidth * channels;
  for (let b = 0; b < info.batchSize; b++) {
    for (let i = 0; i < rows.outputs; i++) {
      let to = (b * info.inHeight + info.strideHeight * i + rows.phase) * rowStride + cols.phase * channels;
      let from = (b * rows.outputs + i) * cols.outputs * channels;
      if (source === undefined) {
        for (let j = 0; j < cols.outputs; j++, to += colStep) dx.fill(0, to, to + channels);
      } else if (info.strideWidth === 1) {
        // One column phase: the row is contiguous in both.
        dx.set(source.subarray(from, from + cols.outputs * channels), to);
      } else {
        for (let j = 0; j < cols.outputs; j++, to += colStep, from += channels) {
          for (let c = 0; c < channels; c++) dx[to + c] = source[from + c]!;
        }
      }
    }
  }
}
