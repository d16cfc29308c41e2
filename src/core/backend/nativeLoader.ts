import { createRequire } from 'node:module';
import * as path from 'node:path';
import { errorMessage } from '../errors';
import { describeNativeLoadFailure } from './nativeDiagnosis';
import type { TF } from './tf';

export const nativePackages = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
} as const;
export type NativeBackend = keyof typeof nativePackages;

export function isNativeBackend(backend: string): backend is NativeBackend {
  return backend in nativePackages;
}

export type NativeLoad = { ok: true; tf: TF; from: string } | { ok: false; detail: string };

/**
 * Loads a native TF.js package lazily. It may live in the project's node_modules or in extra
 * folders (the extension installs it into its global storage). A package that is present but fails
 * to load is reported with its own message, and with the cause and remedy when recognised (missing
 * libtensorflow, CUDA or cuDNN: see nativeDiagnosis.ts).
 */
export function loadNative(backend: NativeBackend, searchDirs: readonly string[]): NativeLoad {
  const packageName = nativePackages[backend];
  const found = findNative(backend, searchDirs);
  if (!found) return { ok: false, detail: `${packageName} is not installed` };
  try {
    const namespace = createRequire(found.origin)(found.resolved) as Partial<TF>;
    if (typeof namespace.tidy !== 'function' || typeof namespace.sequential !== 'function') {
      return { ok: false, detail: `${packageName} at ${found.resolved} does not export the TF.js API` };
    }
    return { ok: true, tf: namespace as TF, from: found.resolved };
  } catch (error) {
    return { ok: false, detail: describeNativeLoadFailure(packageName, errorMessage(error), found.packageDir) };
  }
}

/**
 * Where a native package would load from (first the extra folders, then the project), without
 * loading it: the extension host uses this to pick a transport and must never load TF.js itself.
 */
export function findNative(backend: NativeBackend, searchDirs: readonly string[]): NativeLocation | undefined {
  return findPackage(nativePackages[backend], searchDirs);
}

/** Where an optional package would load from: first the extra folders, then the project. */
export function findPackage(packageName: string, searchDirs: readonly string[]): NativeLocation | undefined {
  const origins = [...searchDirs.map((dir) => path.join(dir, 'noop.js')), __filename];
  for (const origin of origins) {
    try {
      const resolved = createRequire(origin).resolve(packageName);
      return { resolved, origin, packageDir: packageDirOf(resolved, packageName) };
    } catch {
      // not in this folder: try the next
    }
  }
  return undefined;
}

export interface NativeLocation {
  /** The package's entry file. */
  readonly resolved: string;
  /** The file it was resolved from, for createRequire. */
  readonly origin: string;
  /** The package's root folder (its install script puts libtensorflow under deps/lib there). */
  readonly packageDir: string;
}

/** `…/node_modules/@tensorflow/tfjs-node` from its entry file; npm, pnpm and yarn all keep that tail. */
function packageDirOf(resolved: string, packageName: string): string {
  const tail = path.join('node_modules', ...packageName.split('/'));
  const at = resolved.lastIndexOf(tail + path.sep);
  return at >= 0 ? resolved.slice(0, at + tail.length) : path.dirname(path.dirname(resolved));
}
