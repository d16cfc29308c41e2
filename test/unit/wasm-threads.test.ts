import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { requestedWasmThreads, wasmThreadsForModel } from '../../src/core/backend/wasm/threads';

const probe = path.join(__dirname, 'support', 'threadedProbe.ts');

interface ProbeResult { detail: string; worst: number; values: number; simd: boolean }

function runProbe(threads: string): ProbeResult {
  // The timeout is the assertion that the process exits by itself once its work is done.
  const output = execFileSync(process.execPath, ['--import', 'tsx', probe], {
    env: { ...process.env, GAN_STUDIO_WASM_THREADS: threads }, encoding: 'utf8', timeout: 60_000,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as ProbeResult;
}

test('the threaded wasm build runs two threads under Node, matches the cpu backend, and lets the process exit', () => {
  const result = runProbe('2');
  assert.match(result.detail, /SIMD on, 2 threads/);
  assert.ok(result.simd, "GAN Studio's SIMD kernels load on the threaded build's shared memory");
  assert.ok(result.values > 10_000);
  assert.ok(result.worst < 1e-4, `largest relative difference from cpu: ${result.worst}`);
});

test('GAN_STUDIO_WASM_THREADS=1 keeps the single-threaded build', () => {
  const result = runProbe('1');
  assert.match(result.detail, /SIMD on, 1 thread$/);
  assert.ok(result.simd, "GAN Studio's SIMD kernels load on the single-threaded build's memory");
  assert.ok(result.worst < 1e-4);
});

test('the thread count: the setting when valid, else one per core, at most the 8 workers the build starts', () => {
  assert.equal(requestedWasmThreads({ GAN_STUDIO_WASM_THREADS: '3' }), 3);
  assert.equal(requestedWasmThreads({ GAN_STUDIO_WASM_THREADS: '64' }), 8);
  const perCore = Math.min(8, os.availableParallelism());
  assert.equal(requestedWasmThreads({ GAN_STUDIO_WASM_THREADS: 'many' }), perCore);
  assert.equal(requestedWasmThreads({ GAN_STUDIO_WASM_THREADS: '0' }), perCore);
  assert.equal(requestedWasmThreads({}), perCore);
});

test('training picks threads by model: one per core for convolutions, one for dense layers, unless set', () => {
  const perCore = Math.min(8, os.availableParallelism());
  assert.equal(wasmThreadsForModel('convolutional', {}), perCore);
  assert.equal(wasmThreadsForModel('dense', {}), 1);
  assert.equal(wasmThreadsForModel('dense', { GAN_STUDIO_WASM_THREADS: '2' }), 2);
  assert.equal(wasmThreadsForModel('convolutional', { GAN_STUDIO_WASM_THREADS: '1' }), 1);
});
