import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TF } from '../tf';
import { filterGradientByConvolution } from './convFilterGradient';
import { inputGradientByPhases, phasesApply } from './convInputGradient';
import { replacingKernel } from './kernelRunner';
import { leadingReduceWasm } from './leadingReduce';
import { matMulWithoutTransposes } from './matMulLayout';
import { tileWasm } from './tile';

/**
 * The kernels GAN Studio adds to, or puts in front of, TF.js's wasm backend. Each one is tested
 * against the cpu backend (test/unit/wasm-*.test.ts, backend.test.ts) and timed by `npm run bench`.
 * `stock` keeps TF.js's own kernels and adds only the filter gradient, without which no
 * convolution trains: the baseline `npm run bench` compares against.
 */
export function registerWasmKernels(tf: TF, kernelSet: 'fast' | 'stock' = 'fast'): void {
  const kernels = kernelSet === 'stock' ? [conv2DBackpropFilterWasm(tf)] : [
    conv2DBackpropFilterWasm(tf),
    conv2DBackpropInputWasm(tf),
    matMulWithoutTransposes(tf, 'BatchMatMul'),
    matMulWithoutTransposes(tf, '_FusedMatMul'),
    tileWasm(tf),
    identityWasm(),
    leadingReduceWasm(tf, 'Sum'),
    leadingReduceWasm(tf, 'Mean'),
  ];
  for (const kernel of kernels) {
    // Replacing a kernel the backend ships: TF.js warns on a second registration, so drop it first.
    if (tf.getKernel(kernel.kernelName, 'wasm') !== undefined) tf.unregisterKernel(kernel.kernelName, 'wasm');
    tf.registerKernel(kernel);
  }
}

/**
 * Identity (every tf.clone, and TF.js clones each tensor the tape saves for the backward pass:
 * ~70 per toy-2D step) as a second reference to the same buffer, as the cpu backend does. The
 * stock wasm kernel copies the values. No kernel writes into its inputs, and GAN Studio's in-place
 * updates (the Adam moments) only write buffers nothing else references.
 */
function identityWasm(): KernelConfig {
  return {
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs['x'] as TensorInfo;
      (backend as BackendWasm).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  };
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

interface BackpropInputAttrs extends Omit<BackpropFilterAttrs, 'filterShape'> {
  inputShape: [number, number, number, number];
}

/**
 * Conv2DBackpropInput (transposed convolutions, and the input gradient of every convolution) as
 * stride-1 XNNPACK convolutions, one per stride phase (see ./convInputGradient.ts), in front of the
 * stock scalar loop: ~300 → 18–34 ms for DCGAN's dy [64,7,7,128] · W [4,4,64,128], as fast as the
 * forward Conv2D of the same FLOPs. What the phases do not cover (NCHW, other dtypes, an empty dy)
 * goes to the stock kernel, whose setupFunc must therefore stay.
 */
function conv2DBackpropInputWasm(tf: TF): KernelConfig {
  const stock = tf.getKernel('Conv2DBackpropInput', 'wasm');
  if (stock === undefined) throw new Error('the wasm backend has no Conv2DBackpropInput kernel to wrap');
  const kernelFunc: KernelFunc = (args) => {
    const dy = args.inputs['dy'] as TensorInfo;
    const filter = args.inputs['filter'] as TensorInfo;
    const { strides, pad, dataFormat, dimRoundingMode, inputShape } = args.attrs as unknown as BackpropInputAttrs;
    const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number],
      strides, 1, pad, dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(dataFormat));
    if (!phasesApply(dy, filter, info)) return stock.kernelFunc(args);
    return inputGradientByPhases(tf, args.backend as BackendWasm, dy, filter, info);
  };
  return replacingKernel(stock, kernelFunc);
}
