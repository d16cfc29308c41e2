import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { TF } from './tf';

export const nativePackages = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
} as const;
export type NativeBackend = keyof typeof nativePackages;

export type NativeLoad = { ok: true; tf: TF; from: string } | { ok: false; detail: string };

/**
 * Loads a native TF.js package lazily. It may live in the project's node_modules or in extra
 * folders (the extension installs it into its global storage). A package that is present but fails
 * to load (missing libtensorflow, CUDA or cuDNN) is reported with its own message.
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
    return { ok: false, detail: `${packageName} is installed but failed to load: ${firstLine(error)}` };
  }
}

/**
 * Where a native package would load from (first the extra folders, then the project), without
 * loading it: the extension host uses this to pick a transport and must never load TF.js itself.
 */
export function findNative(backend: NativeBackend, searchDirs: readonly string[]): { resolved: string; origin: string } | undefined {
  const origins = [...searchDirs.map((dir) => path.join(dir, 'noop.js')), __filename];
  for (const origin of origins) {
    try {
      return { resolved: createRequire(origin).resolve(nativePackages[backend]), origin };
    } catch {
      // not in this folder: try the next
    }
  }
  return undefined;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
