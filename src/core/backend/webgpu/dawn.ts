import { pathToFileURL } from 'node:url';
import { errorMessage } from '../../errors';
import { findPackage } from '../nativeLoader';

/** Dawn's Node bindings: an npm package with a prebuilt binary per platform, nothing downloaded. */
export const dawnPackage = { name: 'webgpu', version: '0.6.2' } as const;

export const dawnNotInstalled = `the optional package '${dawnPackage.name}' is not installed `
  + `(npm install ${dawnPackage.name}@${dawnPackage.version}, or the extension's Install Native Backend command)`;

interface DawnModule {
  create(options: string[]): GPU;
  globals: Record<string, unknown>;
}

export type DawnLoad = { ok: true; gpu: GPU; from: string } | { ok: false; detail: string };

let loaded: Promise<DawnLoad> | undefined;

/**
 * Loads Dawn once per process and makes the browser's WebGPU globals exist (`navigator.gpu`,
 * `GPUBufferUsage`, …): TF.js's WebGPU backend reads them when its module is first evaluated.
 */
export function loadDawn(searchDirs: readonly string[]): Promise<DawnLoad> {
  loaded ??= (async (): Promise<DawnLoad> => {
    const found = findPackage(dawnPackage.name, searchDirs);
    if (!found) return { ok: false, detail: dawnNotInstalled };
    try {
      // An ES module: import() it (a require of the package would fail).
      const dawn = await import(pathToFileURL(found.resolved).href) as DawnModule;
      Object.assign(globalThis, dawn.globals);
      const gpu = dawn.create([]);
      exposeNavigatorGpu(gpu);
      return { ok: true, gpu, from: found.packageDir };
    } catch (error) {
      return { ok: false, detail: `${dawnPackage.name} at ${found.packageDir} did not load: ${errorMessage(error)}` };
    }
  })();
  return loaded;
}

/** Node 21+ has a `navigator` without `gpu`; Node 20 has none. */
function exposeNavigatorGpu(gpu: GPU): void {
  const host = globalThis as { navigator?: object };
  if (host.navigator === undefined) {
    host.navigator = { gpu };
    return;
  }
  Object.defineProperty(host.navigator, 'gpu', { value: gpu, configurable: true });
}
