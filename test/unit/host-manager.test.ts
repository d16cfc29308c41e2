import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../src/core/errors';
import { readRunInfo } from '../../src/core/run/runReader';
import { WINDOW_CLOSED } from '../../src/host/runDiscovery';
import { RunManager, type ActiveRun, type RunManagerEvent, type TrainingSettings } from '../../src/host/runManager';
import { chooseTransport, effectiveBackend, transportFor } from '../../src/host/transport';
import type { TrainerOutcome } from '../../src/trainer/client';
import { resolvedConfig, tempDir, train } from './support/training';

const root = path.join(__dirname, '..', '..');
const entry = path.join(root, 'dist', 'trainer.js');
if (!fs.existsSync(entry)) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);

const settings = (over: Partial<TrainingSettings> = {}): TrainingSettings => ({
  maxConcurrentRuns: 2, backend: 'wasm', nativeSearchDirs: [], retention: {}, ...over,
});

const endless = (name: string) => {
  const { config, hash } = resolvedConfig({
    name, seed: 4, data: { kind: 'ring', count: 300 },
    model: { kind: 'mlp', latentSize: 2, generator: { hidden: [8] }, discriminator: { hidden: [8] } },
    training: { steps: 1_000_000, batchSize: 16 }, logging: { every: 5 }, samples: { every: 50 }, checkpoints: { every: 25 },
  });
  return { kind: 'config' as const, config, hash };
};

function untilStep(manager: RunManager, run: ActiveRun, step: number): Promise<string> {
  return new Promise((resolve) => {
    const subscription = manager.on((event) => {
      if (event.run === run && event.type === 'event' && event.event.type === 'progress' && event.event.step >= step && run.runDir) {
        subscription.dispose();
        resolve(run.runDir);
      }
    });
  });
}

function ended(manager: RunManager, run: ActiveRun): Promise<TrainerOutcome> {
  return new Promise((resolve) => {
    const subscription = manager.on((event: RunManagerEvent) => {
      if (event.run === run && event.type === 'ended') {
        subscription.dispose();
        resolve(event.outcome);
      }
    });
  });
}

test('runs train side by side under the cap; stopping one leaves the other training', async () => {
  const runsDir = tempDir();
  const manager = new RunManager(entry, () => settings());
  try {
    const a = await manager.start({ ...endless('a'), runsDir });
    const b = await manager.start({ ...endless('b'), runsDir });
    await assert.rejects(manager.start({ ...endless('c'), runsDir }),
      (error: Error) => error instanceof UserError && /2 runs are already training.*ganStudio\.maxConcurrentRuns/.test(error.message));
    const [aDir] = await Promise.all([untilStep(manager, a, 10), untilStep(manager, b, 10)]);
    assert.equal(manager.byDir(aDir), a);
    await assert.rejects(manager.start({ kind: 'resume', runsDir, runDir: aDir, backend: 'wasm' }), /already training in this window/);
    const aEnded = ended(manager, a);
    a.client.stop();
    const outcome = await aEnded;
    assert.ok(outcome.kind === 'finished' && outcome.info.status === 'stopped', JSON.stringify(outcome));
    assert.deepEqual(manager.active(), [b]);
    const bStep = (await readRunInfo(b.runDir ?? '')).step;
    await untilStep(manager, b, bStep + 10);
    assert.equal((await readRunInfo(b.runDir ?? '')).status, 'running');
  } finally {
    await manager.shutdown(5000);
  }
});

test('closing the window stops each trainer with a checkpoint and leaves its run interrupted, resumable', async () => {
  const runsDir = tempDir();
  const manager = new RunManager(entry, () => settings({ retention: { checkpoints: 1 } }));
  const run = await manager.start({ ...endless('closing'), runsDir });
  const runDir = await untilStep(manager, run, 30);
  await manager.shutdown(10_000);
  const info = await readRunInfo(runDir);
  assert.equal(info.status, 'interrupted');
  assert.equal(info.error, WINDOW_CLOSED);
  assert.equal(info.lastCheckpoint?.step, info.step, 'a checkpoint at the step it stopped');
  assert.deepEqual(fs.readdirSync(path.join(runDir, 'checkpoints')), [`step-${info.step}`], 'the retention setting keeps one checkpoint');
  const resumed = await train({ runsDir, resumeDir: runDir, steps: info.step + 5, backend: 'wasm' });
  assert.equal(resumed.info.status, 'completed');
  assert.equal(resumed.info.error, undefined, 'the reason it was interrupted goes once it trains again');
});

test('the transport follows the backend: worker for pure JS, process for native code (TF.js native, Dawn)', () => {
  assert.equal(effectiveBackend('auto', 'cpu'), 'cpu');
  assert.equal(effectiveBackend('wasm', 'tensorflow'), 'wasm');
  assert.equal(chooseTransport('wasm', []), 'worker');
  assert.equal(chooseTransport('cpu', []), 'worker');
  assert.equal(chooseTransport('tensorflow', []), 'process');
  assert.equal(chooseTransport('tensorflow-gpu', []), 'process');
  assert.equal(chooseTransport('webgpu', []), 'process');
  assert.equal(transportFor('auto', () => false), 'worker', 'no native code installed: auto trains in a worker');
  assert.equal(transportFor('auto', () => true), 'process');
  assert.equal(transportFor('wasm', () => { throw new Error('not asked for a named pure-JS backend'); }), 'worker');
  // Dawn is an optional dependency of this project, so auto may pick webgpu here: a process.
  assert.equal(chooseTransport('auto', [tempDir()]), 'process', 'Dawn (the webgpu package) is installed in this project');
  const installed = tempDir();
  const pkg = path.join(installed, 'node_modules', '@tensorflow', 'tfjs-node');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-node', main: 'index.js' }));
  fs.writeFileSync(path.join(pkg, 'index.js'), 'throw new Error("never loaded by the host")');
  assert.equal(chooseTransport('auto', [installed]), 'process', 'an installed native package means a process, found without loading it');
});
