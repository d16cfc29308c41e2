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
  const origins = [...searchDirs.map((dir) => path.join(dir, 'noop.js')), __filename];
  for (const origin of origins) {
    const requireFrom = createRequire(origin);
    let resolved: string;
    try {
      resolved = requireFrom.resolve(packageName);
    } catch {
      continue;
    }
    try {
      const namespace = requireFrom(resolved) as Partial<TF>;
      if (typeof namespace.tidy !== 'function' || typeof namespace.sequential !== 'function') {
        return { ok: false, detail: `${packageName} at ${resolved} does not export the TF.js API` };
      }
      return { ok: true, tf: namespace as TF, from: resolved };
    } catch (error) {
      return { ok: false, detail: `${packageName} is installed but failed to load: ${firstLine(error)}` };
    }
  }
  return { ok: false, detail: `${packageName} is not installed` };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
