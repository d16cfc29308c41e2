import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GanConfigInput } from '../../src/core/config/schema';
import { isChangeRecord, type LiveChange } from '../../src/core/run/changeRecords';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { readRun } from '../../src/core/run/runReader';
import type { TrainingEvent } from '../../src/core/train/events';
import type { TrainingSession } from '../../src/core/train/session';
import { useTestBackend } from './support/backend';
import { resolvedConfig, tempDir, train } from './support/training';

// GAN Lab's live controls: a change made while the run trains applies from the next step, is
// recorded in metrics.jsonl, and a resume replays it (so the resumed run trains as the original).

const config: GanConfigInput = {
  name: 'live', seed: 5,
  data: { kind: 'grid', size: 3, count: 600 },
  model: { kind: 'mlp', latentSize: 4, generator: { hidden: [16] }, discriminator: { hidden: [16] } },
  objective: { kind: 'wasserstein' },
  regularizers: { gradientPenalty: { weight: 5 } },
  training: { steps: 60, batchSize: 32, generatorOptimizer: { kind: 'adam', learningRate: 0.001 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.001 } },
  logging: { every: 1, histogramEvery: 1000 }, samples: { every: 1000 }, checkpoints: { every: 20 },
};

/** Changes to make at given steps (from the progress event of that step, as a dashboard's message arrives between steps). */
const script: readonly (readonly [number, LiveChange])[] = [
  [10, { kind: 'learningRate', player: 'discriminator', value: 0.01 }],
  [15, { kind: 'updates', player: 'discriminator', value: 3 }],
  [20, { kind: 'only', player: 'generator', steps: 5 }],
  [30, { kind: 'weight', name: 'gradientPenalty', value: 0 }],
  [45, { kind: 'learningRate', player: 'generator', value: 0.0001 }],
];

function changing(refusals: string[] = []): (event: TrainingEvent, session: TrainingSession) => void {
  return (event, session) => {
    if (event.type !== 'progress') return;
    for (const [step, change] of script) {
      if (step === event.step) void session.tune(change).then((refusal) => refusal !== undefined && refusals.push(refusal));
    }
  };
}

const column = async (runDir: string, name: string) => (await readRun(runDir)).metrics.map((record) => record[name]);

test('live changes apply from the next step, are recorded in the run, and refusals name what the run has', async () => {
  await useTestBackend();
  const resolved = resolvedConfig(config);
  const plain = await train({ runsDir: tempDir(), config: resolved });
  const refusals: string[] = [];
  const changed = await train({ runsDir: tempDir(), config: resolved }, (event, session) => {
    changing(refusals)(event, session);
    if (event.type === 'progress' && event.step === 5) {
      void session.tune({ kind: 'learningRate', player: 'critic', value: 0.1 }).then((refusal) => refusal !== undefined && refusals.push(refusal));
      void session.tune({ kind: 'weight', name: 'r1', value: 1 }).then((refusal) => refusal !== undefined && refusals.push(refusal));
    }
  });
  assert.equal(changed.info.status, 'completed');
  assert.deepEqual(refusals, [
    "no player 'critic' (this run has: discriminator, generator)",
    "no weight 'r1' to change (this run has: gradientPenalty)",
  ]);

  const [plainLoss, changedLoss] = [await column(plain.runDir, 'dLoss'), await column(changed.runDir, 'dLoss')];
  assert.deepEqual(changedLoss.slice(0, 10), plainLoss.slice(0, 10), 'the steps before the first change train as configured');
  // A step logs its loss before its update: the rate set after step 10 updates step 11, whose effect step 12 shows.
  assert.deepEqual(changedLoss.slice(10, 11), plainLoss.slice(10, 11));
  assert.notDeepEqual(changedLoss.slice(11, 12), plainLoss.slice(11, 12), 'step 12 shows the update at the new rate');

  // "Only the generator" for steps 21–25: D is held (its loss measured, no gradient applied).
  const gradNormD = await column(changed.runDir, 'gradNormD');
  assert.deepEqual(gradNormD.slice(20, 25), [0, 0, 0, 0, 0]);
  assert.ok(gradNormD.slice(15, 20).every((norm) => typeof norm === 'number' && norm > 0));
  assert.ok(gradNormD.slice(25, 30).every((norm) => typeof norm === 'number' && norm > 0));
  // A weight of 0 turns the gradient penalty's contribution off from step 31.
  const penalty = await column(changed.runDir, 'gradientPenalty');
  assert.ok(penalty.slice(31).every((value) => value === 0), `penalty after it was set to 0: ${penalty.slice(31, 35).join(', ')}`);

  const records = await readJsonLines(path.join(changed.runDir, 'metrics.jsonl'), isChangeRecord);
  assert.deepEqual(records.map((record) => [record.step, record.change]), script.map(([step, change]) => [step, change]));
  const last = changed.events.filter((event) => event.type === 'controls').at(-1);
  assert.ok(last?.type === 'controls');
  assert.deepEqual(last.state.players.map((player) => [player.name, player.learningRate, player.updates]),
    [['discriminator', 0.01, 3], ['generator', 0.0001, 1]]);
  assert.deepEqual(last.state.weights.map((weight) => [weight.name, weight.value, weight.configured]), [['gradientPenalty', 0, 5]]);
});

test('a resume from before the changes replays them: the resumed run trains as the original did', async () => {
  await useTestBackend();
  const runsDir = tempDir();
  const original = await train({ runsDir, config: resolvedConfig(config) }, changing());
  const expected = await readRun(original.runDir);
  // Lose the later checkpoints: the resume starts at step 20, with changes before it and after it.
  for (const step of [40, 60]) fs.rmSync(path.join(original.runDir, 'checkpoints', `step-${step}`), { recursive: true, force: true });
  const resumed = await train({ runsDir, resumeDir: original.runDir, config: resolvedConfig(config) });
  assert.equal(resumed.info.status, 'completed');
  const actual = await readRun(original.runDir);
  assert.deepEqual(actual.metrics.map((record) => record.step), expected.metrics.map((record) => record.step));
  for (const name of ['dLoss', 'gLoss', 'gradNormD', 'gradientPenalty']) {
    actual.metrics.forEach((record, index) => {
      const [a, b] = [record[name], expected.metrics[index]![name]];
      assert.ok(typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b)), `step ${record.step} ${name}: ${a} vs ${b}`);
    });
  }
  const records = await readJsonLines(path.join(original.runDir, 'metrics.jsonl'), isChangeRecord);
  assert.deepEqual(records.map((record) => record.step), script.map(([step]) => step), 'each change recorded once, the replayed ones again');
});

test('every family offers its own weights: a VAE whose β is set to 0 by hand trains on the reconstruction alone', async () => {
  await useTestBackend();
  const vae: GanConfigInput = {
    name: 'live-vae', seed: 3, family: { kind: 'vae' },
    data: { kind: 'mnist', limit: 200 },
    model: { kind: 'mlp', latentSize: 4, generator: { hidden: [32] }, discriminator: { hidden: [32] } },
    training: { steps: 12, batchSize: 16, generatorOptimizer: { kind: 'adam', learningRate: 0.001 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.001 } },
    logging: { every: 1, histogramEvery: 1000 }, samples: { every: 1000, count: 4 }, checkpoints: { every: 1000 },
  };
  const refusals: string[] = [];
  const run = await train({ runsDir: tempDir(), config: resolvedConfig(vae) }, (event, session) => {
    if (event.type === 'progress' && event.step === 6) {
      void session.tune({ kind: 'weight', name: 'kl', value: 0 }).then((refusal) => refusal !== undefined && refusals.push(refusal));
      void session.tune({ kind: 'updates', player: 'discriminator', value: 2 }).then((refusal) => refusal !== undefined && refusals.push(refusal));
    }
  });
  assert.equal(run.info.status, 'completed');
  assert.deepEqual(refusals, ["no player 'discriminator' (this run has: encoder and decoder)"]);
  const { metrics } = await readRun(run.runDir);
  const gap = (record: (typeof metrics)[number]) => Number(record['vaeLoss']) - Number(record['reconstructionLoss']);
  assert.ok(metrics.slice(0, 6).every((record) => gap(record) > 1e-3), 'β·KL is part of the loss as configured');
  assert.ok(metrics.slice(6).every((record) => Math.abs(gap(record)) < 1e-4), `with β = 0 the loss is the reconstruction: ${metrics.slice(6).map(gap).join(', ')}`);
  const controls = run.events.filter((event) => event.type === 'controls').at(-1);
  assert.ok(controls?.type === 'controls');
  assert.deepEqual(controls.state.weights.map((weight) => [weight.name, weight.label, weight.value]), [['kl', 'KL weight β', 0]]);
});
