import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * Reads tensors' values to the host, all at once and asynchronously, then frees the tensors. The
 * engine never calls `dataSync`: a GPU backend (WebGPU) has no synchronous read, and one that
 * waits value by value stalls its queue.
 */
export async function readAndFree<T extends readonly Tensor[]>(...tensors: T): Promise<{ [K in keyof T]: Float32Array }> {
  try {
    return await Promise.all(tensors.map((tensor) => tensor.data<'float32'>())) as { [K in keyof T]: Float32Array };
  } finally {
    for (const tensor of tensors) tensor.dispose();
  }
}
