import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from '../../src/core/backend/tf';
import type { GanConfigInput } from '../../src/core/config/schema';
import { readRun } from '../../src/core/run/runReader';
import type { GameRecord } from '../../src/core/run/records';
import { TrainingSession } from '../../src/core/train/session';
import { useTestBackend } from './support/backend';
import { gameLines, resolvedConfig, tempDir, train, wholeAndResumed } from './support/training';

// Exercises every piece of state a resume must restore: Adam moments, batch-norm statistics, the
// noise generator (z, instance noise, gradient-penalty ε), the shuffling sampler and the step count.
const stateful: GanConfigInput = {
  name: 'resume', seed: 11,
  data: { kind: 'grid', size: 3, count: 600 },
  model: { kind: 'mlp', latentSize: 4, generator: { hidden: [24], batchNorm: true }, discriminator: { hidden: [24] } },
  objective: { kind: 'wasserstein' },
  regularizers: { gradientPenalty: { weight: 5 }, instanceNoise: { sigma: 0.1, annealSteps: 150 } },
  training: { steps: 120, batchSize: 32, dSteps: 2, generatorOptimizer: { kind: 'adam', learningRate: 0.001 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.001 } },
  logging: { every: 5, histogramEvery: 30 }, samples: { every: 1000 }, checkpoints: { every: 1000 },
};

const compared = ['dLoss', 'gLoss', 'dLossReal', 'dLossFake', 'gradientPenalty', 'dReal', 'dFake', 'gradNormD', 'gradNormG'] as const;

function assertSameMetrics(actual: readonly GameRecord[], expected: readonly GameRecord[]): void {
  assert.deepEqual(actual.map((m) => m.step), expected.map((m) => m.step));
  actual.forEach((record, i) => {
    for (const key of compared) {
      const a = record[key]!;
      const b = expected[i]![key]!;
      assert.ok(Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b)), `step ${record.step} ${key}: ${a} vs ${b}`);
    }
  });
}

test('train 120 steps = train 60, stop, resume, train 60 (same metrics)', async () => {
  await useTestBackend();
  const { whole, split, resumed } = await wholeAndResumed(tempDir(), resolvedConfig(stateful), 60);
  const started = resumed.events.find((event) => event.type === 'started');
  assert.ok(started && started.type === 'started' && started.resumed && started.step === 60);

  const [expected, actual] = await Promise.all([readRun(whole.runDir), readRun(split.runDir)]);
  assert.equal(actual.metrics.length, 120 / 5);
  assertSameMetrics(gameLines(actual.metrics), gameLines(expected.metrics));
});

test('the tensor count stays constant across steps, checkpoints, histograms and samples', async () => {
  await useTestBackend();
  const counts: number[] = [];
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({
    ...stateful, training: { ...stateful.training, steps: 40 },
    logging: { every: 3, histogramEvery: 4 }, samples: { every: 5 }, checkpoints: { every: 7 },
  }) }, (event) => {
    if (event.type === 'progress') counts.push(tf.memory().numTensors);
  });
  assert.equal(run.info.status, 'completed');
  // Optimizers create their state on the first update; from then on nothing may accumulate.
  assert.deepEqual(new Set(counts.slice(1)).size, 1, `tensor counts per step: ${counts.join(', ')}`);
});

test('a run killed mid-checkpoint resumes from the previous complete checkpoint', async () => {
  await useTestBackend();
  const runsDir = tempDir();
  const first = await train({ runsDir, config: resolvedConfig({
    ...stateful, training: { ...stateful.training, steps: 40 }, checkpoints: { every: 20 },
  }) });
  assert.equal(first.info.lastCheckpoint?.step, 40);
  // What a crash at two different instants of saveCheckpoint leaves behind for step 60.
  const checkpoints = path.join(first.runDir, 'checkpoints');
  fs.mkdirSync(path.join(checkpoints, 'step-60.partial'));
  fs.writeFileSync(path.join(checkpoints, 'step-60.partial', 'generator.bin'), 'torn');
  fs.mkdirSync(path.join(checkpoints, 'step-60'));
  fs.writeFileSync(path.join(checkpoints, 'step-60', 'generator.bin'), 'torn');

  const resumed = await train({ runsDir, resumeDir: first.runDir, steps: 50 });
  const started = resumed.events.find((event) => event.type === 'started');
  assert.ok(started && started.type === 'started' && started.step === 40, 'resumed from step 40');
  assert.equal(resumed.info.status, 'completed');
  assert.equal(resumed.info.step, 50);
});

test('a loss that turns NaN fails the run at that step and keeps the last good checkpoint', async () => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({
    name: 'diverges', data: { kind: 'ring', count: 500 },
    model: { kind: 'mlp', latentSize: 4, generator: { hidden: [16] }, discriminator: { hidden: [16], activation: 'linear' } },
    objective: { kind: 'wasserstein' },
    training: { steps: 300, batchSize: 32, generatorOptimizer: { kind: 'sgd', learningRate: 5, momentum: 0.9 }, discriminatorOptimizer: { kind: 'sgd', learningRate: 5, momentum: 0.9 } },
    checkpoints: { every: 1, keepLast: 2 },
  }) });
  assert.equal(run.info.status, 'failed');
  assert.match(run.info.error ?? '', new RegExp(`became (NaN|Infinity|-Infinity) at step ${run.info.step}; the last good checkpoint \\(step ${run.info.step - 1}\\) is kept`));
  assert.equal(run.info.lastCheckpoint?.step, run.info.step - 1, 'the checkpoint before the bad step');
  assert.ok(!fs.existsSync(path.join(run.runDir, 'checkpoints', `step-${run.info.step}`)), 'no checkpoint of the bad step');
});

test('a loss that turns NaN before the first checkpoint says the run cannot be resumed, and what to change', async () => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({
    name: 'diverges-early', data: { kind: 'ring', count: 500 },
    model: { kind: 'mlp', latentSize: 4, generator: { hidden: [16] }, discriminator: { hidden: [16], activation: 'linear' } },
    objective: { kind: 'wasserstein' },
    training: { steps: 300, batchSize: 32, generatorOptimizer: { kind: 'sgd', learningRate: 5, momentum: 0.9 }, discriminatorOptimizer: { kind: 'sgd', learningRate: 5, momentum: 0.9 } },
    checkpoints: { every: 1000 },
  }) });
  assert.equal(run.info.status, 'failed');
  const error = run.info.error ?? '';
  assert.match(error, new RegExp(`became (NaN|Infinity|-Infinity) at step ${run.info.step}; no checkpoint was written before step ${run.info.step}, so the run cannot be resumed`));
  assert.match(error, /lower the learning rate/);
  assert.doesNotMatch(error, /last good checkpoint/);
  assert.equal(run.info.lastCheckpoint, undefined);
  assert.deepEqual(fs.existsSync(path.join(run.runDir, 'checkpoints')) ? fs.readdirSync(path.join(run.runDir, 'checkpoints')) : [], []);
});

test('pause holds the loop at a step boundary until resume', async () => {
  await useTestBackend();
  const statuses: string[] = [];
  let pausedAt = -1;
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({ ...stateful, training: { ...stateful.training, steps: 30 } }) }, (event, session) => {
    if (event.type === 'progress' && event.step === 10) {
      session.pause();
      pausedAt = event.step;
      setTimeout(() => session.resume(), 150);
    }
    if (event.type === 'status') statuses.push(`${event.status}@${event.step}`);
  });
  assert.equal(pausedAt, 10);
  assert.deepEqual(statuses, ['paused@10', 'running@10', 'completed@30']);
  assert.equal(run.info.status, 'completed');
});

test('advance: a paused run trains exactly the steps asked, then pauses again; a running run ignores it', async () => {
  await useTestBackend();
  const statuses: string[] = [];
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({ ...stateful, training: { ...stateful.training, steps: 30 } }) }, (event, session) => {
    if (event.type === 'progress' && event.step === 5) {
      session.advance(3);
      session.pause();
    }
    if (event.type === 'status') {
      statuses.push(`${event.status}@${event.step}`);
      if (event.status === 'paused' && event.step === 5) setTimeout(() => session.advance(3), 50);
      if (event.status === 'paused' && event.step === 8) setTimeout(() => session.advance(1), 50);
      if (event.status === 'paused' && event.step === 9) setTimeout(() => session.resume(), 50);
    }
  });
  assert.deepEqual(statuses, ['paused@5', 'running@5', 'paused@8', 'running@8', 'paused@9', 'running@9', 'completed@30']);
  assert.equal(run.info.status, 'completed');
});

test('pace: a run slowed to 50 steps a second takes at least 20 ms a step, and trains the same as at full speed', async () => {
  await useTestBackend();
  const config = resolvedConfig({ ...stateful, training: { ...stateful.training, steps: 20 } });
  const full = await train({ runsDir: tempDir(), config });
  let slowedFrom = 0;
  let slowedAt = 0;
  const paced = await train({ runsDir: tempDir(), config }, (event, session) => {
    if (event.type === 'progress' && event.step === 5 && slowedFrom === 0) {
      session.pace(50);
      slowedFrom = performance.now();
    }
    if (event.type === 'progress' && event.step === 15) slowedAt = performance.now();
  });
  assert.ok(slowedAt - slowedFrom >= 9 * 20, `10 paced steps took ${(slowedAt - slowedFrom).toFixed(0)} ms`);
  const losses = async (runDir: string) => (await readRun(runDir)).metrics.map((record) => record.dLoss);
  assert.deepEqual(await losses(paced.runDir), await losses(full.runDir), 'speed changes when, not what');
});

test('a rejected resume frees what it built, and a resume drops samples newer than its checkpoint', async () => {
  await useTestBackend();
  const runsDir = tempDir();
  const run = await train({ runsDir, config: resolvedConfig({
    ...stateful, training: { ...stateful.training, steps: 30 }, samples: { every: 10 }, checkpoints: { every: 20, keepLast: 5 },
  }) });
  const before = tf.memory().numTensors;
  await assert.rejects(TrainingSession.create({ runsDir, resumeDir: run.runDir }), /already at step 30; pass --steps above 30/);
  assert.equal(tf.memory().numTensors, before, 'no tensors left behind by the rejected resume');

  // Lose the step-30 checkpoint: resuming goes back to step 20, so the step-30 grid is history no more.
  fs.rmSync(path.join(run.runDir, 'checkpoints', 'step-30'), { recursive: true });
  const session = await TrainingSession.create({ runsDir, resumeDir: run.runDir, steps: 40 });
  session.dispose();
  const samples = fs.readdirSync(path.join(run.runDir, 'samples')).sort();
  assert.deepEqual(samples, ['latest.png', 'step-0.png', 'step-10.png', 'step-20.png']);
  assert.deepEqual(fs.readFileSync(path.join(run.runDir, 'samples', 'latest.png')), fs.readFileSync(path.join(run.runDir, 'samples', 'step-20.png')));
});
