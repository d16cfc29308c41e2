import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TF } from './tf';

interface BackpropFilterAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/**
 * Conv2DBackpropFilter for the wasm backend, which ships without it; DCGAN training needs it for
 * every convolution and transposed convolution. A direct NHWC loop over the wasm heap: correct,
 * not yet fast (the speed issue replaces it with convolution-based kernels).
 */
export function conv2DBackpropFilterWasm(tf: TF): KernelConfig {
  return {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as BackendWasm;
      const x = inputs['x'] as TensorInfo;
      const dy = inputs['dy'] as TensorInfo;
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as BackpropFilterAttrs;
      if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm supports NHWC only');
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
      // Allocate first: growing the wasm heap detaches views taken before it.
      const out = wasm.makeOutput(filterShape, 'float32');
      const dw = wasm.typedArrayFromHeap(out) as Float32Array;
      const xs = wasm.typedArrayFromHeap(x) as Float32Array;
      const dys = wasm.typedArrayFromHeap(dy) as Float32Array;
      accumulateFilterGradient(dw, xs, dys, info);
      return out;
    },
  };
}

interface ConvGeometry {
  batchSize: number; inHeight: number; inWidth: number; inChannels: number;
  outHeight: number; outWidth: number; outChannels: number;
  filterHeight: number; filterWidth: number; strideHeight: number; strideWidth: number;
  padInfo: { top: number; left: number };
}

/** dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·s+kh−pad, ow·s+kw−pad, ci] · dy[b,oh,ow,co]. */
export function accumulateFilterGradient(dw: Float32Array, x: Float32Array, dy: Float32Array, g: ConvGeometry): void {
  dw.fill(0);
  const { inHeight: H, inWidth: W, inChannels: C, outChannels: CO } = g;
  for (let b = 0; b < g.batchSize; b++) {
    for (let oh = 0; oh < g.outHeight; oh++) {
      const ih0 = oh * g.strideHeight - g.padInfo.top;
      for (let ow = 0; ow < g.outWidth; ow++) {
        const iw0 = ow * g.strideWidth - g.padInfo.left;
        const dyBase = ((b * g.outHeight + oh) * g.outWidth + ow) * CO;
        for (let kh = 0; kh < g.filterHeight; kh++) {
          const ih = ih0 + kh;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < g.filterWidth; kw++) {
            const iw = iw0 + kw;
            if (iw < 0 || iw >= W) continue;
            const xBase = ((b * H + ih) * W + iw) * C;
            const dwBase = (kh * g.filterWidth + kw) * C * CO;
            for (let ci = 0; ci < C; ci++) {
              const xv = x[xBase + ci]!;
              if (xv === 0) continue;
              const row = dwBase + ci * CO;
              for (let co = 0; co < CO; co++) dw[row + co]! += xv * dy[dyBase + co]!;
            }
          }
        }
      }
    }
  }
}
