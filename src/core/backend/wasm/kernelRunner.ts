import type { KernelConfig, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { TF } from '../tf';

export type KernelRun = (kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap) => TensorInfo;

/**
 * Calls a registered wasm kernel directly, as the backend's own composite kernels do: no tensors,
 * no tape, just backend buffers that the caller disposes. `user` names the kernel being built, for
 * the error when a building block is missing.
 */
export function kernelRunner(tf: TF, backend: BackendWasm, user: string): KernelRun {
  return (kernelName, inputs, attrs) => {
    const config = tf.getKernel(kernelName, 'wasm') as ReturnType<TF['getKernel']> | undefined;
    if (config === undefined) throw new Error(`${user} on wasm needs the wasm ${kernelName} kernel`);
    const out = config.kernelFunc({ inputs, attrs, backend });
    // Every kernel used this way has a single output.
    return Array.isArray(out) ? out[0]! : out;
  };
}

/**
 * A wasm kernel that stands in for `stock` and keeps its setupFunc: the setupFunc binds the
 * backend's exported C function when the backend starts, and the stand-in still calls the stock
 * kernel for the cases it leaves alone.
 */
export function replacingKernel(stock: KernelConfig, kernelFunc: KernelFunc): KernelConfig {
  return { kernelName: stock.kernelName, backendName: 'wasm', kernelFunc, ...(stock.setupFunc ? { setupFunc: stock.setupFunc } : {}) };
}
