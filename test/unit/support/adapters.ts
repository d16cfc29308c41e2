import type { AdapterFacts } from '../../../src/core/backend/report';

// WebGPU adapters as Dawn describes them: a data-centre GPU and Mesa's CPU rasterizer.

export const h100Adapter: AdapterFacts = {
  vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H100 80GB HBM3', software: false,
  limits: { maxStorageBuffersPerShaderStage: 96, maxStorageBufferBindingSize: 2147483644, maxBufferSize: 4294967296 },
};

export const lavapipeAdapter: AdapterFacts = {
  vendor: 'mesa', architecture: '', device: 'llvmpipe (LLVM 15.0.6, 256 bits)', description: 'llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)', software: true,
  limits: { maxStorageBuffersPerShaderStage: 16, maxStorageBufferBindingSize: 134217728, maxBufferSize: 268435456 },
};
