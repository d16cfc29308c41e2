import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { BackendName } from '../config/trainingSchema';
import { UserError, errorMessage } from '../errors';
import { findPackageRoot } from '../util/packageRoot';
import { registerMissingGradients } from './gradients';
import { isNativeBackend, loadNative, nativePackages } from './nativeLoader';
import { setTf, type TF } from './tf';
import { registerRectifierGradients } from './rectifierGradient';
import { registerWasmKernels } from './wasm/register';
import { requestedWasmThreads, useThreadedWasm, type WasmThreading } from './wasm/threads';
import { prepareWebGpu } from './webgpu/start';
import type { BackendAttempt, BackendReport, ConcreteBackend } from './report';

export type { BackendAttempt, BackendReport, ConcreteBackend } from './report';
/** What `auto` tries, in order: GPUs first (webgpu only on a hardware adapter), then the CPU backends. */
export const backendRanking: readonly ConcreteBackend[] = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'];

export interface BackendOptions {
  /** Extra folders whose node_modules may hold a native package. */
  readonly nativeSearchDirs?: readonly string[];
  /**
   * Threads for the wasm backend (the extension's ganStudio.wasmThreads setting); else
   * GAN_STUDIO_WASM_THREADS, else one per core. The first pure-JS start in a process fixes it.
   */
  readonly wasmThreads?: number;
}

let active: BackendReport | undefined;

/**
 * Picks and activates a backend: `auto` tries tensorflow-gpu → tensorflow → wasm → cpu and takes
 * the first that works; a named backend must work or this throws a UserError saying why. A native
 * backend, once loaded, stays for the life of the process (tfjs-node can only load once).
 */
export async function initBackend(requested: BackendName, options: BackendOptions = {}): Promise<BackendReport> {
  if (active && (requested === active.backend || (requested === 'auto' && isNativeBackend(active.backend)))) return active;
  if (active && isNativeBackend(active.backend)) {
    throw new UserError(`backend '${requested}' cannot be used: this process already runs '${active.backend}'`);
  }
  const candidates = requested === 'auto' ? backendRanking : [requested];
  const attempts: BackendAttempt[] = [];
  for (const backend of candidates) {
    const attempt = await tryBackend(backend, options, requested === backend);
    attempts.push(attempt);
    if (attempt.ok) {
      const reason = requested === 'auto'
        ? `auto: ${attempts.map((a) => `${a.backend} ${a.ok ? 'ok' : `unavailable (${a.detail})`}`).join('; ')}`
        : `requested in config or command line: ${attempt.detail}`;
      active = { backend, requested, reason, attempts, ...(attempt.adapter ? { adapter: attempt.adapter } : {}) };
      return active;
    }
  }
  throw new BackendUnavailableError(requested, attempts);
}

/** No backend of those asked for works; `attempts` say why each did not (the doctor reports them). */
export class BackendUnavailableError extends UserError {
  constructor(requested: BackendName, readonly attempts: readonly BackendAttempt[]) {
    super(`backend '${requested}' is not available: ${attempts.map((a) => a.detail).join('; ')}.` +
      (requested === 'auto' ? '' : ` Use backend: auto to pick the fastest available one.`));
  }
}

export function activeBackend(): BackendReport | undefined {
  return active;
}

async function tryBackend(backend: ConcreteBackend, options: BackendOptions, named: boolean): Promise<BackendAttempt> {
  try {
    if (isNativeBackend(backend)) {
      const loaded = loadNative(backend, options.nativeSearchDirs ?? []);
      if (!loaded.ok) return { backend, ok: false, detail: loaded.detail };
      const attempt = await activate(loaded.tf, 'tensorflow', backend, `loaded ${nativePackages[backend]} from ${loaded.from}`);
      return attempt.ok && backend === 'tensorflow-gpu' ? { ...attempt, detail: `${attempt.detail}${gpuPlacement(loaded.tf)}` } : attempt;
    }
    const { tf: pure, threading } = await loadPureTf(options.wasmThreads);
    if (backend === 'webgpu') {
      const start = await prepareWebGpu(pure, { allowSoftware: named, searchDirs: options.nativeSearchDirs ?? [] });
      if (!start.ok) return { backend, ...start };
      return { ...await activate(pure, backend, backend, start.detail), adapter: start.adapter };
    }
    const attempt = await activate(pure, backend, backend, 'plain JavaScript kernels');
    if (!attempt.ok || backend !== 'wasm') return attempt;
    const simd = await pure.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    return { ...attempt, detail: `WebAssembly, SIMD ${simd ? 'on' : 'off'}, ${threading.detail}` };
  } catch (error) {
    return { backend, ok: false, detail: errorMessage(error) };
  }
}

async function activate(namespace: TF, tfBackendName: string, backend: ConcreteBackend, detail: string): Promise<BackendAttempt> {
  const ok = await quietly(() => namespace.setBackend(tfBackendName));
  if (!ok) return { backend, ok: false, detail: `TF.js could not initialise the ${tfBackendName} backend` };
  await namespace.ready();
  if (tfBackendName !== 'tensorflow') quietCpuAdvert(namespace);
  setTf(namespace);
  registerMissingGradients(namespace);
  return { backend, ok: true, detail };
}

/**
 * The GPU build loads even without CUDA or cuDNN and then quietly computes on the CPU; say so
 * (`gan-studio doctor` names the missing library).
 */
function gpuPlacement(namespace: TF): string {
  const backend = namespace.backend() as { isUsingGpuDevice?: boolean };
  return backend.isUsingGpuDevice === false ? ', but it runs on the CPU: no usable GPU (run gan-studio doctor for why)' : '';
}

let pureTf: Promise<{ tf: TF; threading: WasmThreading }> | undefined;

function loadPureTf(wasmThreads?: number): Promise<{ tf: TF; threading: WasmThreading }> {
  pureTf ??= (async () => {
    const namespace: TF = await import('./pureTf');
    await import('@tensorflow/tfjs-backend-cpu');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const directory = wasmDirectory();
    wasm.setWasmPaths(directory);
    // GAN_STUDIO_WASM_KERNELS=stock: TF.js's own kernels and gradients, for comparison (npm run bench).
    const kernelSet = process.env['GAN_STUDIO_WASM_KERNELS'] === 'stock' ? 'stock' : 'fast';
    registerWasmKernels(namespace, kernelSet);
    if (kernelSet === 'fast') registerRectifierGradients(namespace);
    const threading = useThreadedWasm(namespace, wasm, directory, wasmThreads ?? requestedWasmThreads());
    return { tf: namespace, threading };
  })();
  return pureTf;
}

/** How the wasm backend runs (its threads); loads the pure-JS backends if they are not loaded yet. */
export async function wasmThreading(): Promise<WasmThreading> {
  return (await loadPureTf()).threading;
}

/** The .wasm binaries: copied into media/ by the build, or straight from node_modules in development. */
function wasmDirectory(): string {
  const shipped = path.join(findPackageRoot(), 'media', 'generated', 'wasm');
  if (fs.existsSync(path.join(shipped, 'tfjs-backend-wasm.wasm'))) return shipped + path.sep;
  const requireHere = createRequire(__filename);
  return path.dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
}

/**
 * The cpu backend's first write greets Node users with an advert for tfjs-node on the console, in
 * the middle of a training's or the doctor's output; TF.js's WebGPU backend also hands small
 * operations to the cpu backend.
 */
function quietCpuAdvert(namespace: TF): void {
  const cpu = namespace.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
}

/** TF.js greets Node users on console.warn when a backend starts; keep that out of our output. */
async function quietly<T>(action: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return await action();
  } finally {
    console.warn = warn;
  }
}

