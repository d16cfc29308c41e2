import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TF } from '../tf';
import { elementwiseKernels, memoryOffset, type ElementwiseKernels } from './elementwiseKernels';
import { kernelRunner, replacingKernel } from './kernelRunner';

/**
 * The wasm backend multiplies untransposed operands through XNNPACK's packed GEMM, but a product
 * with transposeA or transposeB (what every backward pass asks for: dW = xᵀ·dy, dx = dy·Wᵀ) falls
 * to a scalar loop that is 10–17× slower (measured on [784,64]ᵀ·[64,512]: 41 ms against 2.4 ms).
 * Transposing the operand first costs one pass over it, O(n²) against the product's O(n³), so
 * these wrappers do that and hand the untransposed product to the backend's own kernel.
 */
export function matMulWithoutTransposes(tf: TF, kernelName: 'BatchMatMul' | '_FusedMatMul'): KernelConfig {
  const original = tf.getKernel(kernelName, 'wasm');
  if (original === undefined) throw new Error(`the wasm backend has no ${kernelName} kernel to wrap`);
  const multiply = original.kernelFunc;
  const kernelFunc: KernelFunc = ({ inputs, backend, attrs }) => {
    const { transposeA, transposeB } = (attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    const batched = (inputs['a'] as TensorInfo).shape.length > 2 && (inputs['a'] as TensorInfo).shape[0]! > 1;
    const call = attrs === undefined ? { inputs, backend } : { inputs, backend, attrs };
    if (inputs['bias'] && batched) return biasAfterProduct(tf, multiply, call);
    if (!transposeA && !transposeB) return multiply(call);
    const wasm = backend as BackendWasm;
    const run = kernelRunner(tf, wasm, kernelName);
    const owned: TensorInfo[] = [];
    const simd = elementwiseKernels(wasm);
    const swapLastTwo = (x: TensorInfo): TensorInfo => {
      const swapped = simd && x.dtype === 'float32' ? transposeMatrices(simd, wasm, x) : run('Transpose', { x }, { perm: lastTwoSwapped(x.shape.length) });
      owned.push(swapped);
      return swapped;
    };
    try {
      const a = transposeA ? swapLastTwo(inputs['a'] as TensorInfo) : inputs['a'];
      const b = transposeB ? swapLastTwo(inputs['b'] as TensorInfo) : inputs['b'];
      const plain: NamedAttrMap = { ...attrs, transposeA: false, transposeB: false };
      return multiply({ inputs: { ...inputs, a: a!, b: b! }, backend, attrs: plain });
    } finally {
      for (const t of owned) wasm.disposeData(t.dataId);
    }
  };
  // setupFunc binds the backend's exported C function when the backend starts; keep it.
  return replacingKernel(original, kernelFunc);
}

function lastTwoSwapped(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1]!, perm[rank - 2]!];
  return perm;
}

/**
 * Every matrix of x (its last two axes) transposed by the SIMD module's blocked loop: the stock
 * Transpose kernel, general over any permutation, took 3 ns per element on [256,128].
 */
function transposeMatrices(simd: ElementwiseKernels, wasm: BackendWasm, x: TensorInfo): TensorInfo {
  const rank = x.shape.length;
  const [rows, cols] = [x.shape[rank - 2]!, x.shape[rank - 1]!];
  const out = wasm.makeOutput(lastTwoSwapped(rank).map((axis) => x.shape[axis]!), 'float32');
  const [from, to] = [memoryOffset(wasm, x.dataId), memoryOffset(wasm, out.dataId)];
  const matrices = x.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  for (let m = 0; m < matrices; m++) simd.transpose(from + m * rows * cols * 4, to + m * rows * cols * 4, rows, cols);
  return out;
}

const activationKernels: Record<string, string> = {
  relu: 'Relu', relu6: 'Relu6', elu: 'Elu', sigmoid: 'Sigmoid', leakyrelu: 'LeakyRelu', prelu: 'Prelu',
};

/**
 * The stock wasm _FusedMatMul adds the bias wrongly when the batch has more than one matrix (tfjs
 * 4.22: row r of every matrix but the first gets bias[r] instead of the bias row). Dense layers
 * never batch, but a batched fused product must still be right: multiply, then add the bias and
 * apply the activation as separate kernels.
 */
function biasAfterProduct(tf: TF, multiply: KernelFunc, { inputs, backend, attrs }: Parameters<KernelFunc>[0]): TensorInfo {
  const wasm = backend as BackendWasm;
  const run = kernelRunner(tf, wasm, '_FusedMatMul');
  const { activation = 'linear', leakyreluAlpha } = (attrs ?? {}) as { activation?: string; leakyreluAlpha?: number };
  const product = multiply({
    inputs: { a: inputs['a']!, b: inputs['b']! }, backend, attrs: { ...attrs, activation: 'linear' },
  }) as TensorInfo;
  const biased = run('Add', { a: product, b: inputs['bias']! }, {});
  wasm.disposeData(product.dataId);
  const kernel = activationKernels[activation];
  if (kernel === undefined) return biased;
  const activated = kernel === 'Prelu'
    ? run(kernel, { x: biased, alpha: inputs['preluActivationWeights']! }, {})
    : run(kernel, { x: biased }, kernel === 'LeakyRelu' ? { alpha: leakyreluAlpha ?? 0.2 } : {});
  wasm.disposeData(biased.dataId);
  return activated;
}
