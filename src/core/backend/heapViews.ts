import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from './tf';

/** What the pure-JS backends keep per buffer: a reference count, and on cpu the values themselves. */
interface BufferEntry { readonly refCount: number; readonly values?: unknown }
interface WasmLike { dataIdMap: { get(id: object): BufferEntry | undefined }; typedArrayFromHeap(t: Tensor): unknown }
interface CpuLike { data: { get(id: object): BufferEntry | undefined } }

/**
 * Whether tensors live in this process's memory (the pure-JS backends), so host loops over their
 * values cost no transfer. Elsewhere (native TensorFlow, a GPU) values must be read asynchronously.
 */
export function valuesOnHost(): boolean {
  const name = tf.getBackend();
  return name === 'wasm' || name === 'cpu';
}

/**
 * The float32 values behind a tensor on the pure-JS backends, without a copy: a view of the wasm
 * heap, or the cpu backend's own array. Undefined on any other backend (native or GPU memory) or
 * dtype. Small element-wise updates (an optimizer's step) are cheaper as one JavaScript loop over
 * these views than as a dozen kernel launches, each of them a pass over memory.
 * A view is valid until the next kernel runs: a wasm heap that grows detaches it.
 */
export function float32View(tensor: Tensor, forWriting = false): Float32Array | undefined {
  if (tensor.dtype !== 'float32' || tensor.isDisposed) return undefined;
  if (!valuesOnHost()) return undefined;
  const name = tf.getBackend();
  const backend = tf.backend() as unknown as WasmLike & CpuLike;
  const entry = name === 'wasm' ? backend.dataIdMap.get(tensor.dataId) : backend.data.get(tensor.dataId);
  // Writing into a buffer other tensors share (a clone shares it on wasm) would change them too.
  if (entry === undefined || (forWriting && entry.refCount !== 1)) return undefined;
  const values = name === 'wasm' ? backend.typedArrayFromHeap(tensor) : entry.values;
  return values instanceof Float32Array && values.length === tensor.size ? values : undefined;
}
