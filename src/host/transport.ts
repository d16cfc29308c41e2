import { findNative, nativePackages, type NativeBackend } from '../core/backend/nativeLoader';
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
 * Native TF.js runs in a forked process (a crash in native code must not take the extension host
 * down; it loads once per process); the pure-JS backends run in a worker thread. For `auto`, the
 * process is used when a native package is installed, since the trainer will then pick it.
 */
export function chooseTransport(backend: BackendName, nativeSearchDirs: readonly string[]): TrainerTransport {
  if (backend === 'wasm' || backend === 'cpu') return 'worker';
  if (backend !== 'auto') return 'process';
  const installed = (Object.keys(nativePackages) as NativeBackend[]).some((name) => findNative(name, nativeSearchDirs));
  return installed ? 'process' : 'worker';
}
