import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackendName } from '../../src/core/config/backendNames';
import type { GanConfigInput } from '../../src/core/config/schema';
import { resolvedConfig, tempDir, train } from '../unit/support/training';
import { gpuMemory, relativeError } from './support';

/** The per-step losses a run logged. */
function losses(runDir: string): { step: number; dLoss: number; gLoss: number }[] {
  return fs.readFileSync(path.join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n')
    .map((line) => JSON.parse(line) as { type?: string; step: number; dLoss?: number; gLoss?: number })
    .filter((record) => record.type === undefined && record.dLoss !== undefined)
    .map(({ step, dLoss, gLoss }) => ({ step, dLoss: dLoss!, gLoss: gLoss! }));
}

/** Trains on a backend, recording the tensor count and WebGPU's bytes after every step. */
async function trainOn(backend: BackendName, input: GanConfigInput, runsDir = tempDir()) {
  const memory: { tensors: number; bytesInGpu: number }[] = [];
  const run = await train({ runsDir, backend, config: resolvedConfig(input) }, (event) => {
    if (event.type === 'progress') memory.push(gpuMemory());
  });
  assert.equal(run.info.status, 'completed');
  assert.equal(run.info.backend?.backend, backend);
  return { ...run, memory, losses: losses(run.runDir) };
}

/** Same losses, step by step, within `tolerance` relative. */
function assertSameLosses(actual: ReturnType<typeof losses>, expected: ReturnType<typeof losses>, tolerance: number, label: string): void {
  assert.deepEqual(actual.map((line) => line.step), expected.map((line) => line.step), `${label}: logged steps`);
  const flat = (lines: ReturnType<typeof losses>) => lines.flatMap((line) => [line.dLoss, line.gLoss]);
  const error = relativeError(flat(actual), flat(expected));
  assert.ok(error < tolerance, `${label}: losses differ by ${error.toExponential(2)} relative (allowed ${tolerance})`);
}

/** After the first step (which builds the optimizers' state), memory must not grow. */
function assertSteadyMemory(memory: readonly { tensors: number; bytesInGpu: number }[], label: string): void {
  const steady = memory.slice(1);
  assert.ok(steady.every((m) => Number.isFinite(m.bytesInGpu)), `${label}: WebGPU reports the bytes it holds`);
  assert.equal(new Set(steady.map((m) => m.tensors)).size, 1, `${label}: tensor counts per step ${steady.map((m) => m.tensors).join(', ')}`);
  assert.equal(new Set(steady.map((m) => m.bytesInGpu)).size, 1, `${label}: bytes in GPU memory per step ${steady.map((m) => m.bytesInGpu).join(', ')}`);
}

const ring: GanConfigInput = {
  name: 'ring-webgpu', seed: 5, data: { kind: 'ring' },
  training: { steps: 6, batchSize: 64 }, logging: { every: 1, histogramEvery: 3 }, samples: { every: 6, count: 64 },
};

test('the toy ring trains on webgpu with wasm\'s losses (within 1e-4) and steady tensor and GPU memory', async () => {
  const gpu = await trainOn('webgpu', ring);
  assertSteadyMemory(gpu.memory, 'ring on webgpu');
  const cpu = await trainOn('wasm', ring);
  assert.equal(gpu.losses.length, 6);
  assertSameLosses(gpu.losses, cpu.losses, 1e-4, 'ring');
});

// DCGAN trunk, InfoGAN's Q head, minibatch discrimination, the gradient penalty (second order),
// augmentation (the warp's gather form) and the generator average: every path a GAN step takes.
const dcgan: GanConfigInput = {
  name: 'dcgan-webgpu', seed: 6, data: { kind: 'mnist', limit: 200 },
  model: { kind: 'dcgan', latentSize: 4, generator: { channels: 4 }, discriminator: { channels: 4, minibatchDiscrimination: { kernels: 2, dims: 2 } }, infogan: { categorical: [3], continuous: [{}] } },
  objective: { kind: 'wasserstein' }, regularizers: { gradientPenalty: { weight: 1 }, augmentation: { rotation: 10, thickness: 0.5 } },
  training: { steps: 4, batchSize: 8, generatorEma: { decay: 0.9 } },
  logging: { every: 1, histogramEvery: 2 }, samples: { every: 4, count: 6 }, checkpoints: { every: 2 },
};

test('a DCGAN with InfoGAN, gradient penalty and augmentation trains on webgpu with wasm\'s losses (within 1e-3) and steady memory', async () => {
  const gpu = await trainOn('webgpu', dcgan);
  assertSteadyMemory(gpu.memory, 'DCGAN on webgpu');
  const cpu = await trainOn('wasm', dcgan);
  assertSameLosses(gpu.losses, cpu.losses, 1e-3, 'DCGAN');
});

test('a run trained on webgpu resumes on wasm from its checkpoint and ends where a wasm run ends', async () => {
  const runsDir = tempDir();
  const whole = await trainOn('wasm', dcgan, runsDir);
  const split = await train({ runsDir, backend: 'webgpu', config: resolvedConfig(dcgan) }, (event, session) => {
    if (event.type === 'progress' && event.step === 2) session.stop();
  });
  assert.equal(split.info.status, 'stopped');
  assert.equal(split.info.lastCheckpoint?.step, 2);
  const resumed = await train({ runsDir, backend: 'wasm', resumeDir: split.runDir });
  assert.equal(resumed.info.status, 'completed');
  assert.equal(resumed.info.backend?.backend, 'wasm');
  assertSameLosses(losses(resumed.runDir), whole.losses, 1e-3, 'webgpu then wasm');
});
