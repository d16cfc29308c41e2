import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TF } from '../tf';
import { kernelRunner } from './kernelRunner';

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
    if (inputs['bias'] && batched) return biasAfterProduct(tf, multiply, { inputs, backend, attrs });
    if (!transposeA && !transposeB) return multiply({ inputs, backend, attrs });
    const wasm = backend as BackendWasm;
    const run = kernelRunner(tf, wasm, kernelName);
    const owned: TensorInfo[] = [];
    const swapLastTwo = (x: TensorInfo): TensorInfo => {
      const perm = x.shape.map((_, i) => i);
      const last = perm.length - 1;
      [perm[last - 1], perm[last]] = [perm[last]!, perm[last - 1]!];
      const swapped = run('Transpose', { x }, { perm });
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
  return { kernelName, backendName: 'wasm', kernelFunc, setupFunc: original.setupFunc };
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
