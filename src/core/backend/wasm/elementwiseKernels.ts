import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { findPackageRoot } from '../../util/packageRoot';

/**
 * GAN Studio's own SIMD kernels (elementwise.wat), run on TF.js's wasm memory. Arguments are byte
 * offsets into that memory; all arrays are float32.
 */
export interface ElementwiseKernels {
  rectifierGrad(dy: number, x: number, out: number, n: number, alpha: number): void;
  adam(w: number, gradient: number, m: number, v: number, out: number, n: number,
    beta1: number, beta2: number, stepSize: number, inverseCorrection2: number, epsilon: number): void;
  transpose(src: number, dst: number, rows: number, cols: number): void;
}

/** What the wasm backend keeps of a buffer: where it lives in its memory. */
interface WasmBuffer { readonly memoryOffset: number }

// The engine's TypeScript libraries have no WebAssembly types (no DOM lib): the little used here.
interface WasmMemory { readonly buffer: ArrayBuffer | SharedArrayBuffer }
interface WebAssemblyApi {
  Memory: abstract new () => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** The emscripten module behind the backend: the threaded build keeps its memory apart, the plain one exports it. */
interface EmscriptenModule { wasmMemory?: WasmMemory; asm?: { memory?: WasmMemory } }

const instances = new WeakMap<WasmMemory, ElementwiseKernels | null>();

/**
 * The kernels instantiated on this backend's memory, or undefined when they cannot be: the build
 * (npm run build) has not compiled them, or the backend hides its memory. Callers then keep
 * TF.js's own kernels, or a JavaScript loop.
 */
export function elementwiseKernels(backend: BackendWasm): ElementwiseKernels | undefined {
  const module = backend.wasm as unknown as EmscriptenModule;
  const memory = module.wasmMemory ?? module.asm?.memory;
  if (!(memory instanceof wasm.Memory)) return undefined;
  if (!instances.has(memory)) instances.set(memory, instantiate(memory));
  return instances.get(memory) ?? undefined;
}

function instantiate(memory: WasmMemory): ElementwiseKernels | null {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  const file = path.join(findPackageRoot(), 'media', 'generated', 'wasm', `gan-studio-kernels-${shared ? 'shared' : 'plain'}.wasm`);
  if (!fs.existsSync(file)) return null;
  const instance = new wasm.Instance(new wasm.Module(fs.readFileSync(file)), { env: { memory } });
  return instance.exports as unknown as ElementwiseKernels;
}

/** The byte offset of a tensor's buffer in the backend's memory. */
export function memoryOffset(backend: BackendWasm, dataId: object): number {
  const entry = (backend as unknown as { dataIdMap: { get(id: object): WasmBuffer | undefined } }).dataIdMap.get(dataId);
  if (entry === undefined) throw new Error('the wasm backend has no buffer for this tensor');
  return entry.memoryOffset;
}
