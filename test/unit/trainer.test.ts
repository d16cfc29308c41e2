import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRunInfo } from '../../src/core/run/runReader';
import type { TrainingEvent } from '../../src/core/train/events';
import type { TrainerTransport } from '../../src/trainer/channel';
import { TrainerClient } from '../../src/trainer/client';
import { exportInTrainer } from '../../src/trainer/jobs';
import { UserError } from '../../src/core/errors';
import { resolvedConfig, tempDir, train } from './support/training';

const root = path.join(__dirname, '..', '..');
const entry = path.join(root, 'dist', 'trainer.js');
if (!fs.existsSync(entry)) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);

const tiny = (steps: number) => resolvedConfig({
  name: 'trainer', seed: 2, data: { kind: 'ring', count: 500 },
  model: { kind: 'mlp', latentSize: 4, generator: { hidden: [16] }, discriminator: { hidden: [16] } },
  training: { steps, batchSize: 32 }, logging: { every: 5 }, samples: { every: 1000 }, checkpoints: { every: 10 },
});

function startTrainer(transport: TrainerTransport, steps: number, onEvent?: (event: TrainingEvent, client: TrainerClient) => void, wasmThreads?: number) {
  const runsDir = tempDir();
  const client = new TrainerClient(entry, transport, { runsDir, config: tiny(steps), backend: 'wasm', ...(wasmThreads ? { wasmThreads } : {}) });
  const events: TrainingEvent[] = [];
  client.on((event) => {
    events.push(event);
    onEvent?.(event, client);
  });
  return { client, events };
}

for (const transport of ['worker', 'process'] as const) {
  test(`a ${transport} trainer runs a config to the end and reports every event`, async () => {
    // The worker is also asked for one wasm thread (the ganStudio.wasmThreads setting): it must get it.
    const { client, events } = startTrainer(transport, 20, undefined, transport === 'worker' ? 1 : undefined);
    const outcome = await client.done;
    assert.equal(outcome.kind, 'finished');
    assert.ok(outcome.kind === 'finished' && outcome.info.status === 'completed' && outcome.info.step === 20);
    const types = new Set(events.map((event) => event.type));
    for (const type of ['started', 'progress', 'metrics', 'histogram', 'sample', 'checkpoint', 'status']) assert.ok(types.has(type as TrainingEvent['type']), type);
    const started = events.find((event) => event.type === 'started');
    assert.ok(started?.type === 'started');
    assert.match(started.backend.attempts.at(-1)?.detail ?? '', transport === 'worker' ? /SIMD on, 1 thread$/ : /SIMD on, \d+ threads?$/);
    assert.equal((await readRunInfo(started.runDir)).status, 'completed');
  });
}

test('stop reaches the trainer: it ends at a step boundary with a checkpoint', async () => {
  const { client } = startTrainer('process', 100_000, (event, trainer) => {
    if (event.type === 'progress' && event.step === 15) trainer.stop();
  });
  const outcome = await client.done;
  assert.ok(outcome.kind === 'finished', JSON.stringify(outcome));
  assert.equal(outcome.info.status, 'stopped');
  assert.equal(outcome.info.lastCheckpoint?.step, outcome.info.step);
});

test('a trainer killed mid-run leaves the run interrupted, with the reason, and resumable', async () => {
  let runDir = '';
  const { client } = startTrainer('process', 100_000, (event, trainer) => {
    if (event.type === 'started') runDir = event.runDir;
    if (event.type === 'checkpoint' && event.step === 20) trainer.dispose();
  });
  const outcome = await client.done;
  assert.equal(outcome.kind, 'died');
  assert.ok(outcome.kind === 'died' && /killed by SIGKILL/.test(outcome.message));
  const info = await readRunInfo(runDir);
  assert.equal(info.status, 'interrupted');
  assert.match(info.error ?? '', /killed by SIGKILL before the run ended; resume from the last checkpoint/);
  const resumed = await train({ runsDir: path.dirname(runDir), resumeDir: runDir, steps: (info.lastCheckpoint?.step ?? 0) + 5 });
  assert.equal(resumed.info.status, 'completed');
});

test('a start the user must fix comes back as a user error, not a crash', async () => {
  const client = new TrainerClient(entry, 'worker', { runsDir: tempDir(), resumeDir: path.join(tempDir(), 'missing-run') });
  const outcome = await client.done;
  assert.ok(outcome.kind === 'error' && outcome.userError, JSON.stringify(outcome));
  assert.match(outcome.message, /missing-run does not exist/);
});

test('an export job in a trainer writes a LayersModel of the run\'s generator', async () => {
  const run = await train({ runsDir: tempDir(), config: tiny(10) });
  const outDir = path.join(tempDir(), 'exported');
  const result = await exportInTrainer(entry, 'worker', { runDir: run.runDir, outDir, backend: 'wasm' });
  assert.equal(result.step, 10);
  assert.deepEqual(result.files.map((file) => path.basename(file)).sort(), ['gan-studio.json', 'model.json', 'weights.bin']);
  const model = JSON.parse(fs.readFileSync(path.join(outDir, 'model.json'), 'utf8')) as { modelTopology: { class_name: string } };
  assert.ok(['Model', 'Functional', 'Sequential'].includes(model.modelTopology.class_name), model.modelTopology.class_name);
});

test('an export of a run without a checkpoint is a user error naming the run', async () => {
  const runsDir = tempDir();
  const runDir = path.join(runsDir, 'empty-run');
  fs.mkdirSync(runDir);
  fs.writeFileSync(path.join(runDir, 'config.json'), JSON.stringify({ hash: 'x', config: tiny(5).config }));
  await assert.rejects(exportInTrainer(entry, 'process', { runDir, outDir: tempDir(), backend: 'wasm' }),
    (error: Error) => error instanceof UserError && /empty-run has no checkpoint yet/.test(error.message));
});
