import type { KernelBackend } from '@tensorflow/tfjs-core';
import type { AdapterFacts } from '../report';
import type { TF } from '../tf';
import { adapterLabel } from '../adapterLabel';
import { adapterInfo, describeAdapter } from './adapterFacts';
import { loadDawn } from './dawn';
import { missingVulkan, vulkanDriverHint } from './vulkan';

export type WebGpuStart =
  | { ok: true; detail: string; adapter: AdapterFacts }
  | { ok: false; detail: string; adapter?: AdapterFacts };

export interface WebGpuOptions {
  /**
   * Asked for by name: a software adapter (lavapipe, SwiftShader) may run, and Dawn is loaded even
   * where Vulkan looks absent. `auto` skips both.
   */
  readonly allowSoftware: boolean;
  readonly searchDirs: readonly string[];
}

/** Why Dawn offers no adapter, nearly always. */
const noAdapter = `Dawn found no WebGPU adapter: it needs libvulkan.so.1 and a Vulkan driver ${vulkanDriverHint}`;

/**
 * Gets TF.js's WebGPU backend ready to be set: Dawn loaded, an adapter judged, and the backend
 * registered with a device of our own. TF.js's own registration asks for the default limit of 8
 * storage buffers per shader stage, but its AddN binds 9 (DCGAN training fails with an invalid
 * pipeline), so the device asks for the adapter's own limit.
 */
export async function prepareWebGpu(tf: TF, options: WebGpuOptions): Promise<WebGpuStart> {
  // Asked for by name, Dawn still tries: the check reads files, and a system may keep them elsewhere.
  const vulkan = missingVulkan();
  if (vulkan && !options.allowSoftware) return { ok: false, detail: vulkan };
  const dawn = await loadDawn(options.searchDirs);
  if (!dawn.ok) return dawn;
  const adapter = await dawn.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null) return { ok: false, detail: vulkan ? `Dawn found no WebGPU adapter: ${vulkan}` : noAdapter };
  const facts = describeAdapter(adapter);
  const label = adapterLabel(facts);
  if (facts.software && !options.allowSoftware) {
    return { ok: false, adapter: facts, detail: `only a software adapter, ${label}: slower than wasm, so auto skips it (backend: webgpu uses it)` };
  }
  // The module registers its kernels on first evaluation, which needs the globals loadDawn made.
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', async () => {
    const device = await adapter.requestDevice({ requiredLimits: deviceLimits(adapter) });
    return new WebGPUBackend(device, adapterInfo(adapter) as GPUAdapterInfo) as unknown as KernelBackend;
  });
  return { ok: true, adapter: facts, detail: `WebGPU through Dawn (${dawn.from}) on ${label}` };
}

function deviceLimits(adapter: GPUAdapter): Record<string, number> {
  const limits = adapter.limits;
  return {
    maxStorageBuffersPerShaderStage: limits.maxStorageBuffersPerShaderStage,
    maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
    maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
    maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
    maxBufferSize: limits.maxBufferSize,
    maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
    maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
  };
}
