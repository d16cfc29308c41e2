import type { AdapterFacts } from '../report';

/** The limits that decide what the WebGPU backend can run, as the adapter reports them. */
const reportedLimits = [
  'maxStorageBuffersPerShaderStage',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupsPerDimension',
] as const;

// Mesa's lavapipe and llvmpipe, Google's SwiftShader, Microsoft's WARP: adapters that run on the CPU.
const softwareNames = /llvmpipe|lavapipe|swiftshader|softpipe|microsoft basic render|warp/i;

/** `GPUAdapter.info` (newer than the @webgpu/types TF.js pins, so typed here). */
export interface AdapterInfo {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}

export function adapterInfo(adapter: GPUAdapter): AdapterInfo {
  return (adapter as unknown as { info?: AdapterInfo }).info ?? {};
}

/**
 * What an adapter is, for run.json, the doctor and the dashboard. An adapter is software when it
 * says it is a fallback adapter or names a CPU rasterizer: Dawn on lavapipe reports neither flag nor
 * type consistently across versions, so the name is checked too.
 */
export function describeAdapter(adapter: GPUAdapter): AdapterFacts {
  const limits: Record<string, number> = {};
  for (const name of reportedLimits) limits[name] = (adapter.limits as unknown as Record<string, number>)[name] ?? 0;
  return factsFromInfo(adapterInfo(adapter), limits);
}

/** The same facts from an adapter's info alone, as a load check in another process prints it. */
export function factsFromInfo(info: AdapterInfo, limits: Record<string, number> = {}): AdapterFacts {
  const text = (value: string | undefined) => value ?? '';
  const names = [info.vendor, info.architecture, info.device, info.description].map(text);
  const fallback = info.isFallbackAdapter === true;
  return {
    vendor: names[0]!,
    architecture: names[1]!,
    device: names[2]!,
    description: names[3]!,
    software: fallback || names.some((name) => softwareNames.test(name)),
    limits,
  };
}
