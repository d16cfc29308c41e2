import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adapterDetails, adapterLabel, adapterShortLabel, backendLine } from '../../src/core/backend/adapterLabel';
import { h100Adapter, lavapipeAdapter } from './support/adapters';

test('an adapter is named in one line, its vendor and architecture after its name unless the name has them', () => {
  assert.equal(adapterLabel(h100Adapter), 'NVIDIA H100 80GB HBM3 (nvidia, hopper)');
  assert.equal(adapterLabel(lavapipeAdapter), 'llvmpipe: Mesa 25.0.7 (LLVM 15.0.6) (mesa, software)');
  assert.equal(adapterLabel({ ...h100Adapter, description: '', device: '', architecture: '' }), 'nvidia');
  assert.equal(adapterLabel({ ...lavapipeAdapter, vendor: '', description: '', device: '' }), 'unnamed adapter, software');
});

test('the status bar\'s name stops before the driver version and at a length, and says software', () => {
  assert.equal(adapterShortLabel(h100Adapter), 'NVIDIA H100 80GB HBM3');
  assert.equal(adapterShortLabel(lavapipeAdapter), 'llvmpipe (software)');
  assert.equal(adapterShortLabel({ ...h100Adapter, description: 'NVIDIA GeForce RTX 4090 Laptop GPU with Max-Q' }), 'NVIDIA GeForce RTX 4090 Lap…');
});

test('the backend line names the adapter only when there is one; the details give its kind, vendor and buffer limits in MiB', () => {
  assert.equal(backendLine('wasm', undefined), 'backend: wasm');
  assert.equal(backendLine('webgpu', h100Adapter), 'backend: webgpu · NVIDIA H100 80GB HBM3 (nvidia, hopper)');
  assert.deepEqual(adapterDetails(h100Adapter).split('\n'), [
    'NVIDIA H100 80GB HBM3 (nvidia, hopper)', 'hardware adapter', 'vendor: nvidia', 'architecture: hopper',
    'max storage buffer binding: 2048 MiB', 'max buffer: 4096 MiB',
  ]);
  assert.deepEqual(adapterDetails(lavapipeAdapter).split('\n'), [
    'llvmpipe: Mesa 25.0.7 (LLVM 15.0.6) (mesa, software)', 'software adapter (runs on the CPU)', 'vendor: mesa',
    'device: llvmpipe (LLVM 15.0.6, 256 bits)', 'max storage buffer binding: 128 MiB', 'max buffer: 256 MiB',
  ]);
  assert.doesNotMatch(adapterDetails({ ...h100Adapter, limits: { maxBufferSize: 3 * 1024 * 1024 / 2 } }), /binding/, 'a limit the adapter does not report is left out');
  assert.match(adapterDetails({ ...h100Adapter, limits: { maxBufferSize: 3 * 1024 * 1024 / 2 } }), /max buffer: 1\.5 MiB$/);
});
