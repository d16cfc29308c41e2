import type { GradConfig, KernelConfig, NamedAttrMap, Tensor, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TF } from './tf';
import { elementwiseKernels, memoryOffset } from './wasm/elementwiseKernels';

/** dy where x > 0, alpha·dy elsewhere: the gradient of ReLU (alpha 0) and of leaky ReLU. */
export const RECTIFIER_GRAD = 'GanStudioRectifierGrad';

interface CpuLike {
  data: { get(id: object): { values?: unknown } | undefined };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

/**
 * The gradients of Relu and LeakyRelu as one pass over memory on the pure-JS backends (on wasm a
 * SIMD loop from elementwise.wat; a JavaScript loop on cpu, or where the build has not compiled
 * that module). TF.js builds them from three kernels (Greater or Step, Multiply, Select or Cast), each a pass with its
 * own launch; the wasm Greater against a scalar alone took 0.3 ms on [256,128], and a toy-2D
 * step takes the gradient of six activations. Other backends keep TF.js's own gradients.
 * The fused kernel has a gradient itself (it is linear in dy, flat in x), so penalties on D's
 * input gradient (R1, WGAN-GP) still train through it.
 */
export function registerRectifierGradients(tf: TF): void {
  for (const kernel of [rectifierWasm(), rectifierCpu()]) {
    if (tf.getKernel(kernel.kernelName, kernel.backendName) === undefined) tf.registerKernel(kernel);
  }
  const run = (dy: Tensor, x: Tensor, alpha: number) =>
    tf.engine().runKernel(RECTIFIER_GRAD, { dy, x }, { alpha } as unknown as NamedAttrMap) as Tensor;
  tf.registerGradient({
    kernelName: RECTIFIER_GRAD,
    inputsToSave: ['x'],
    gradFunc: (ddy, saved, attrs) => {
      const x = saved[0]!;
      const { alpha } = attrs as unknown as { alpha: number };
      return { dy: () => run(ddy as Tensor, x, alpha), x: () => tf.zerosLike(x) };
    },
  });
  for (const [kernelName, alphaOf] of [['Relu', () => 0], ['LeakyRelu', (attrs: NamedAttrMap) => (attrs as unknown as { alpha: number }).alpha]] as const) {
    const stock = tf.getGradient(kernelName);
    if (stock === undefined || stock.inputsToSave?.[0] !== 'x') continue;
    const fused: GradConfig = {
      kernelName,
      inputsToSave: ['x'],
      gradFunc: (dy, saved, attrs) => {
        const x = saved[0]!;
        // Only where this process registered the fused kernel; a native backend has its own gradients.
        if (tf.getKernel(RECTIFIER_GRAD, tf.getBackend()) === undefined || x.dtype !== 'float32') return stock.gradFunc(dy, saved, attrs);
        return { x: () => run(dy as Tensor, x, alphaOf(attrs)) };
      },
    };
    tf.registerGradient(fused);
  }
}

function rectify(dy: Float32Array, x: Float32Array, alpha: number, out: Float32Array): void {
  // TF.js multiplies by alpha as a float32 tensor; the same rounding keeps results bit-identical.
  const slope = Math.fround(alpha);
  for (let i = 0; i < out.length; i++) {
    const g = dy[i]!;
    out[i] = x[i]! > 0 ? g : slope * g;
  }
}

interface RectifierArgs { inputs: { dy?: TensorInfo; x?: TensorInfo }; attrs?: NamedAttrMap }

function operands(args: RectifierArgs): { dy: TensorInfo; x: TensorInfo; alpha: number; size: number } {
  const { dy, x } = args.inputs;
  if (!dy || !x || dy.shape.join() !== x.shape.join()) throw new Error(`${RECTIFIER_GRAD} needs dy and x of one shape`);
  return { dy, x, alpha: (args.attrs as unknown as { alpha: number }).alpha, size: dy.shape.reduce((a, b) => a * b, 1) };
}

function rectifierWasm(): KernelConfig {
  return {
    kernelName: RECTIFIER_GRAD, backendName: 'wasm',
    kernelFunc: (args) => {
      const { dy, x, alpha, size } = operands(args);
      const backend = args.backend as BackendWasm;
      // The output first: allocating it may grow the heap, which detaches earlier views.
      const out = backend.makeOutput([...dy.shape], 'float32');
      const simd = elementwiseKernels(backend);
      if (simd) {
        const at = (tensor: TensorInfo) => memoryOffset(backend, tensor.dataId);
        simd.rectifierGrad(at(dy), at(x), at(out), size, Math.fround(alpha));
        return out;
      }
      const view = (tensor: TensorInfo) => backend.typedArrayFromHeap(tensor) as Float32Array;
      rectify(view(dy), view(x), alpha, view(out));
      return out;
    },
  };
}

function rectifierCpu(): KernelConfig {
  return {
    kernelName: RECTIFIER_GRAD, backendName: 'cpu',
    kernelFunc: (args) => {
      const { dy, x, alpha, size } = operands(args);
      const backend = args.backend as unknown as CpuLike;
      const values = (tensor: TensorInfo) => backend.data.get(tensor.dataId)!.values as Float32Array;
      const out = new Float32Array(size);
      rectify(values(dy), values(x), alpha, out);
      return backend.makeTensorInfo([...dy.shape], 'float32', out);
    },
  };
}
