import { findNative, findPackage, nativePackages, type NativeBackend } from '../core/backend/nativeLoader';
import { dawnPackage } from '../core/backend/webgpu/dawn';
import type { BackendName } from '../core/config/trainingSchema';
import type { TrainerTransport } from '../trainer/channel';

/**
 * The backend a run asks for: the user's setting when it names one, else the config's own choice.
 * `auto` in the setting defers to the config.
 */
export function effectiveBackend(setting: BackendName, config: BackendName): BackendName {
  return setting === 'auto' ? config : setting;
}

/**
 * Native code runs in a forked process: native TF.js (it loads once per process) and Dawn, the
 * WebGPU backend (it also runs in a worker thread, but a crash in a GPU driver must not take the
 * extension host down). The pure-JS backends run in a worker thread. For `auto`, the process is
 * used when a native package or Dawn is installed, since the trainer may then pick it.
 */
export function chooseTransport(backend: BackendName, nativeSearchDirs: readonly string[]): TrainerTransport {
  return transportFor(backend, () => (Object.keys(nativePackages) as NativeBackend[]).some((name) => findNative(name, nativeSearchDirs))
    || findPackage(dawnPackage.name, nativeSearchDirs) !== undefined);
}

/** The rule itself; `nativeCodeInstalled` is only asked for `auto`. */
export function transportFor(backend: BackendName, nativeCodeInstalled: () => boolean): TrainerTransport {
  if (backend === 'wasm' || backend === 'cpu') return 'worker';
  if (backend !== 'auto') return 'process';
  return nativeCodeInstalled() ? 'process' : 'worker';
}
