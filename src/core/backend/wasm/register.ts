import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TF } from '../tf';
import { filterGradientByConvolution } from './convFilterGradient';
import { matMulWithoutTransposes } from './matMulLayout';

/**
 * The kernels GAN Studio adds to, or puts in front of, TF.js's wasm backend. Each one is tested
 * against the cpu backend (test/unit/wasm-kernels.test.ts) and timed by `npm run bench`.
 */
export function registerWasmKernels(tf: TF): void {
  const kernels = [
    conv2DBackpropFilterWasm(tf),
    matMulWithoutTransposes(tf, 'BatchMatMul'),
    matMulWithoutTransposes(tf, '_FusedMatMul'),
  ];
  for (const kernel of kernels) {
    // Replacing a kernel the backend ships: TF.js warns on a second registration, so drop it first.
    if (tf.getKernel(kernel.kernelName, 'wasm') !== undefined) tf.unregisterKernel(kernel.kernelName, 'wasm');
    tf.registerKernel(kernel);
  }
}

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
 * convolution run by the backend's own XNNPACK Conv2D (see ./convFilterGradient.ts).
 */
function conv2DBackpropFilterWasm(tf: TF): KernelConfig {
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
