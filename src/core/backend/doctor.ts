import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorMessage } from '../errors';
import { BackendUnavailableError, backendRanking, initBackend, wasmThreading, type ConcreteBackend } from './init';
import { describeNativeLoadFailure, diagnoseNativeLoad, formatDiagnosis, nativeRequirements, type NativeDiagnosis } from './nativeDiagnosis';
import { findNative, findPackage, isNativeBackend, nativePackages, type NativeBackend } from './nativeLoader';
import { probeNative } from './nativeProbe';
import { systemFacts, type SystemFacts } from './systemFacts';
import type { AdapterFacts } from './report';
import { tf } from './tf';
import { dawnNotInstalled, dawnPackage } from './webgpu/dawn';
import { missingVulkan } from './webgpu/vulkan';

export type BackendStatus = 'ok' | 'not-installed' | 'failed';

export interface BackendCheck {
  readonly backend: ConcreteBackend;
  readonly status: BackendStatus;
  /** Why, in one line. */
  readonly detail: string;
  /** Native backends: the package, and where and which version when installed. */
  readonly package?: { readonly name: string; readonly dir?: string; readonly version?: string };
  /** A native package that loaded: whether TensorFlow placed its device on a GPU. */
  readonly gpu?: boolean;
  /** A recognised cause (a missing library, say) and what to do. */
  readonly diagnosis?: NativeDiagnosis;
  /** A native package that failed to load: its own error output, unedited. */
  readonly error?: string;
  readonly wasm?: WasmFacts;
  /** webgpu: the adapter Dawn offers (a software one works when named but auto skips it). */
  readonly adapter?: AdapterFacts;
}

export interface WasmFacts {
  readonly simd: boolean;
  /** Threads asked for (GAN_STUDIO_WASM_THREADS, else one per core) and threads running. */
  readonly requestedThreads: number;
  readonly threads: number;
  /** Whether the threaded SIMD build runs, and why not when it does not. */
  readonly threadedBuild: { readonly usable: boolean; readonly reason: string };
}

export interface DoctorReport {
  readonly system: SystemFacts;
  /** Every backend, in the order `backend: auto` tries them. */
  readonly backends: readonly BackendCheck[];
  /** What `backend: auto` picks here: the first backend that works. */
  readonly auto: ConcreteBackend | null;
}

/**
 * Checks every backend of the ranking. Native packages load in child processes (see probeNative),
 * so this process stays free of them and the pure-JS backends are checked here, afterwards.
 */
export async function runDoctor(nativeSearchDirs: readonly string[] = []): Promise<DoctorReport> {
  const backends: BackendCheck[] = [];
  for (const backend of backendRanking) {
    backends.push(isNativeBackend(backend) ? await checkNative(backend, nativeSearchDirs) : await checkPure(backend, nativeSearchDirs));
  }
  const picked = backends.find((check) => check.status === 'ok' && check.adapter?.software !== true);
  return { system: systemFacts(), backends, auto: picked?.backend ?? null };
}

async function checkNative(backend: NativeBackend, searchDirs: readonly string[]): Promise<BackendCheck> {
  const name = nativePackages[backend];
  const found = findNative(backend, searchDirs);
  if (!found) {
    const install = `npm install ${name}@${nativeRequirements.tfjsNode}, or the extension's Install Native Backend command`;
    return { backend, status: 'not-installed', detail: `${name} is not installed (${install})`, package: { name } };
  }
  const version = packageVersion(found.packageDir);
  const pkg = { name, dir: found.packageDir, ...(version ? { version } : {}) };
  const probe = await probeNative(found.resolved);
  if (!probe.loaded) {
    const diagnosis = diagnoseNativeLoad(name, probe.output, found.packageDir);
    const detail = describeNativeLoadFailure(name, probe.output, found.packageDir);
    return { backend, status: 'failed', detail, package: pkg, ...(diagnosis ? { diagnosis } : {}), error: probe.output };
  }
  const loaded = `loaded ${name}${version ? ` ${version}` : ''} from ${found.packageDir}`;
  if (backend !== 'tensorflow-gpu' || probe.gpu) {
    return { backend, status: 'ok', detail: probe.gpu ? `${loaded}, on the GPU` : loaded, package: pkg, gpu: probe.gpu };
  }
  // The GPU build falls back to the CPU when CUDA is unusable; its log says why.
  const diagnosis = diagnoseNativeLoad(name, probe.log, found.packageDir);
  const why = diagnosis ? formatDiagnosis(diagnosis) : 'TensorFlow found no usable GPU (check that `nvidia-smi` lists one)';
  const detail = `${loaded}, but it runs on the CPU: ${why}`;
  return { backend, status: 'ok', detail, package: pkg, gpu: false, ...(diagnosis ? { diagnosis } : {}) };
}

async function checkPure(backend: 'webgpu' | 'wasm' | 'cpu', searchDirs: readonly string[]): Promise<BackendCheck> {
  // Without Vulkan, Dawn would only add its own C++ warnings to the report: say what is missing.
  if (backend === 'webgpu' && !findPackage(dawnPackage.name, searchDirs)) {
    return { backend, status: 'not-installed', detail: dawnNotInstalled, package: { name: dawnPackage.name } };
  }
  const vulkan = backend === 'webgpu' ? missingVulkan() : undefined;
  if (vulkan) return { backend, status: 'failed', detail: `${vulkan} (auto skips WebGPU; backend: webgpu would still ask Dawn)` };
  try {
    // The same path training takes: the backend is set and ready (for wasm, its binary compiled),
    // and one product computed and read back, so a GPU whose kernels fail to compile shows here.
    const report = await initBackend(backend, { nativeSearchDirs: searchDirs });
    const detail = report.attempts.at(-1)?.detail ?? backend;
    await readBack();
    const adapter = report.adapter ? { adapter: report.adapter } : {};
    const skipped = report.adapter?.software ? '; auto skips a software adapter' : '';
    return { backend, status: 'ok', detail: `${detail}${skipped}`, ...adapter, ...(backend === 'wasm' ? { wasm: await wasmFacts() } : {}) };
  } catch (error) {
    return { backend, status: 'failed', detail: error instanceof BackendUnavailableError ? error.attempts.at(-1)?.detail ?? error.message : errorMessage(error) };
  }
}

async function readBack(): Promise<void> {
  const product = tf.tidy(() => tf.matMul(tf.ones([8, 8]), tf.ones([8, 8])));
  const values = await product.data();
  product.dispose();
  if (values[0] !== 8) throw new Error(`a test product came back wrong (${values[0]} instead of 8)`);
}

async function wasmFacts(): Promise<WasmFacts> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') === true;
  const { requested, threads, detail } = await wasmThreading();
  const usable = threads > 1;
  const reason = usable ? `in use with ${threads} threads`
    : requested <= 1 ? 'one thread was asked for (GAN_STUDIO_WASM_THREADS, or a single core)' : detail;
  return { simd, requestedThreads: requested, threads, threadedBuild: { usable, reason } };
}

function packageVersion(packageDir: string): string | undefined {
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
    const version = (manifest as { version?: unknown } | null)?.version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    // an unreadable manifest only costs the version in the report
    return undefined;
  }
}
