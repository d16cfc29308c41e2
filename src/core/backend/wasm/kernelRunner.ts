import type { NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
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
