import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TF } from './tf';
import { filterGradientByConvolution } from './wasmConvFilterGradient';

interface BackpropFilterAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | [[number, number], [number, number], [number, number], [number, number]];
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/**
 * Conv2DBackpropFilter for the wasm backend, which ships without it; DCGAN training needs it for
 * every convolution and transposed convolution. The gradient is rewritten as one dilated
 * convolution run by the backend's own XNNPACK Conv2D (see ./wasmConvFilterGradient.ts).
 */
export function conv2DBackpropFilterWasm(tf: TF): KernelConfig {
  return {
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const x = inputs['x'] as TensorInfo;
      const dy = inputs['dy'] as TensorInfo;
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as BackpropFilterAttrs;
      // The wasm Conv2D that does the work is channels-last only, like the rest of this backend.
      if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm supports NHWC only');
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
      return filterGradientByConvolution(tf, backend as BackendWasm, x, dy, info);
    },
  };
}
