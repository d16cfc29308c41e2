import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { errorMessage } from '../../errors';
import type { TF } from '../tf';
import { threadedScripts } from './threadedScripts';

/** XNNPACK's pool in the tfjs build never grows past the 8 workers it starts with. */
const MAX_THREADS = 8;
const WASM_PRIORITY = 2;

/** How the wasm backend ended up running: reported by `gan-studio doctor` and in the run's backend line. */
export interface WasmThreading {
  readonly requested: number;
  threads: number;
  detail: string;
}

/** Threads for the wasm backend: GAN_STUDIO_WASM_THREADS when set, else one per core. */
export function requestedWasmThreads(env: NodeJS.ProcessEnv = process.env): number {
  return Math.min(threadsFromEnv(env) ?? os.availableParallelism(), MAX_THREADS);
}

/**
 * Threads for training a model: GAN_STUDIO_WASM_THREADS when set; else one per core for
 * convolutional models, one for dense ones. Measured with `npm run bench` on 2 cores: the pool
 * halves a DCGAN step (820 → 560 ms) but not a dense one (toy 2D 16 → 18 ms, MLP-784 69 → 65 ms),
 * whose products are too small to split; and a pool waits for its slowest thread, so on a core
 * busy with other work every kernel stalls (3–5× slower dense runs on a loaded machine).
 */
export function wasmThreadsForModel(kind: 'convolutional' | 'dense', env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = threadsFromEnv(env);
  if (fromEnv !== undefined) return Math.min(fromEnv, MAX_THREADS);
  return kind === 'convolutional' ? Math.min(os.availableParallelism(), MAX_THREADS) : 1;
}

function threadsFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const fromEnv = Number.parseInt(env['GAN_STUDIO_WASM_THREADS'] ?? '', 10);
  return Number.isFinite(fromEnv) && fromEnv >= 1 ? fromEnv : undefined;
}

/** The parts of @tensorflow/tfjs-backend-wasm used here (imported lazily by the caller, like all of TF.js). */
export interface WasmPackage {
  readonly BackendWasm: new (module: never) => BackendWasm;
  setThreadsCount(count: number): void;
}

interface ThreadedModule {
  cwrap(name: string, returns: string | null, args: string[]): (...args: number[]) => number;
  PThread: { unusedWorkers: { unref(): void }[]; runningWorkers: { unref(): void }[] };
  tfjs?: unknown;
}
type ThreadedFactory = (config: object) => Promise<ThreadedModule>;
interface WasmImports { env: Record<string, unknown> }
/** The engine's compiler settings have no DOM or WebAssembly typings; this is the one call used. */
interface WebAssemblyApi {
  instantiate(binary: Uint8Array, imports: WasmImports): Promise<{ instance: unknown; module: unknown }>;
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/**
 * TF.js ships a threaded SIMD build of its wasm backend but never uses it under Node (tfjs issue
 * 3830). The build itself runs on Node: its pthreads are worker_threads. Three things stand in
 * the way, and this replaces the 'wasm' backend factory to deal with them:
 *  - its loader hands the pthread workers a Blob URL, which Node's Worker cannot start: here the
 *    workers get real files (./threadedScripts.ts);
 *  - the C side sizes XNNPACK's pool as emscripten_num_logical_cores() / 2 (it assumes two
 *    hyperthreads per core), so a 2-core machine gets one thread: the import is answered with
 *    twice the threads wanted;
 *  - the idle pool workers keep Node's event loop alive, so a finished CLI run would never exit:
 *    they are unref'd.
 * If anything fails, the stock single-threaded build runs and the reason is kept.
 */
export function useThreadedWasm(tf: TF, wasmPackage: WasmPackage, wasmDirectory: string, threads: number): WasmThreading {
  const threading: WasmThreading = { requested: threads, threads: 1, detail: '1 thread' };
  if (threads <= 1) return threading;
  const stock = tf.findBackendFactory('wasm');
  if (!stock) return { ...threading, detail: '1 thread: the wasm backend is not registered' };
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', async () => {
    try {
      const module = await startThreaded(wasmDirectory, threads);
      wasmPackage.setThreadsCount(threads);
      const backend = new wasmPackage.BackendWasm(module as never);
      for (const worker of [...module.PThread.unusedWorkers, ...module.PThread.runningWorkers]) worker.unref();
      const tfjs = module.tfjs as { getThreadsCount(): number };
      threading.threads = tfjs.getThreadsCount();
      threading.detail = `${threading.threads} threads`;
      return backend;
    } catch (error) {
      threading.detail = `1 thread: the threaded build failed (${errorMessage(error)})`;
      return stock();
    }
  }, WASM_PRIORITY);
  return threading;
}

async function startThreaded(wasmDirectory: string, threads: number): Promise<ThreadedModule> {
  const scripts = threadedScripts(wasmDirectory);
  const factory = createRequire(__filename)(scripts.glue) as ThreadedFactory;
  const binary = fs.readFileSync(path.join(wasmDirectory, 'tfjs-backend-wasm-threaded-simd.wasm'));
  const module = await new Promise<ThreadedModule>((resolve, reject) => {
    factory({
      mainScriptUrlOrBlob: scripts.glue,
      locateFile: (file: string) => (file.endsWith('.worker.js') ? scripts.worker : path.join(wasmDirectory, file)),
      instantiateWasm: (imports: WasmImports, receive: (instance: unknown, module: unknown) => void) => {
        imports.env['emscripten_num_logical_cores'] = () => 2 * threads;
        webAssembly.instantiate(binary, imports)
          .then((result) => receive(result.instance, result.module), reject);
        return {};
      },
    }).then(resolve, reject);
  });
  // The same C entry points the stock loader wraps (tfjs-backend-wasm's init()).
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  return module;
}
