import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { tf } from '../../src/core/backend/tf';
import { loadDataset } from '../../src/core/data/load';
import { isEvaluationRecord } from '../../src/core/run/evaluationRecords';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { runFiles } from '../../src/core/run/layout';
import { buildModels } from '../../src/core/models';
import { GeneratorEvaluator } from '../../src/core/train/generatorEvaluation';
import { evaluateInTrainer } from '../../src/trainer/jobs';
import { assertNoLeakAsync, useTestBackend } from './support/backend';
import { cli, runFolders, work, writeConfig } from './support/cli';
import { resolvedConfig, tempDir, train } from './support/training';

const trainerEntry = path.resolve(__dirname, '../../dist/trainer.js');

const ring = (every: number | undefined) => resolvedConfig({
  name: 'ring-evaluated', seed: 1,
  data: { kind: 'ring', sigma: 0.05, count: 4000 },
  model: { kind: 'mlp', latentSize: 8, generator: { hidden: [64, 64] }, discriminator: { hidden: [64, 64] } },
  training: {
    steps: 600, batchSize: 128,
    generatorOptimizer: { kind: 'adam', learningRate: 0.002 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.002 },
  },
  logging: { every: 50 }, samples: { every: 300 }, checkpoints: { every: 300 },
  ...(every !== undefined ? { evaluation: { every } } : {}),
});

test('evaluation.every evaluates on schedule and at the end: records in metrics.jsonl and events, modes rise as the ring is learned', async () => {
  await useTestBackend();
  const { info, runDir, events } = await train({ runsDir: tempDir(), config: ring(200) });
  assert.equal(info.status, 'completed');
  const records = await readJsonLines(path.join(runDir, runFiles.metrics), isEvaluationRecord);
  assert.deepEqual(records.map((record) => record.step), [0, 200, 400, 600]);
  assert.deepEqual(events.flatMap((event) => event.type === 'evaluation' ? [event.record.step] : []), [0, 200, 400, 600]);
  const first = records[0]!;
  const last = records.at(-1)!;
  assert.equal(last.samples, 2500);
  assert.equal(last.modes?.total, 8);
  assert.ok(last.modes!.covered >= 6 && last.modes!.covered > first.modes!.covered,
    `modes covered: untrained ${first.modes!.covered}/8, after 600 steps ${last.modes!.covered}/8`);
  assert.ok(last.modes!.kl < first.modes!.kl, `mode KL from uniform: untrained ${first.modes!.kl}, trained ${last.modes!.kl}`);
  assert.equal(last.fid, undefined, '2D data has no FID');
});

test('without evaluation.every a mixture is evaluated with each sample picture; the trainer job and gan-studio eval measure it on demand', async () => {
  await useTestBackend();
  const { runDir } = await train({ runsDir: tempDir(), config: ring(undefined) });
  const metricsFile = path.join(runDir, runFiles.metrics);
  const scheduled = await readJsonLines(metricsFile, isEvaluationRecord);
  assert.deepEqual(scheduled.map((record) => [record.step, record.samples]), [[0, 2500], [300, 2500], [600, 2500]], 'samples.every is 300');

  const printed = await cli('eval', runDir, '--no-record');
  assert.equal(printed.code, 0, printed.all());
  assert.match(printed.out.join('\n'), /at step 600: 2500 samples/);
  assert.match(printed.out.join('\n'), /modes covered\s+\d\/8/);
  assert.equal((await readJsonLines(metricsFile, isEvaluationRecord)).length, scheduled.length, '--no-record writes nothing');

  const json = await cli('eval', runDir, '--samples', '1000', '--json');
  assert.equal(json.code, 0, json.all());
  const fromCli = JSON.parse(json.out[0]!) as unknown;
  assert.ok(isEvaluationRecord(fromCli) && fromCli.samples === 1000 && fromCli.step === 600);

  // The extension's Evaluate Run: the same measurement in a trainer, recorded in the run. Seeded by
  // (seed, step), so it repeats the CLI's figures exactly.
  const fromTrainer = await evaluateInTrainer(trainerEntry, 'worker', { runDir, samples: 1000, backend: 'wasm' });
  assert.deepEqual({ ...fromTrainer, time: '', seconds: 0 }, { ...fromCli, time: '', seconds: 0 });
  assert.deepEqual((await readJsonLines(metricsFile, isEvaluationRecord)).slice(scheduled.length).map((record) => record.samples), [1000, 1000]);
});

test('gan-studio eval explains what it cannot measure and what it needs', async () => {
  const spiral = writeConfig('spiral.gan.yaml', `name: spiral
data: { kind: spiral, count: 500 }
model: { kind: mlp, latentSize: 2, generator: { hidden: [8] }, discriminator: { hidden: [8] } }
training: { steps: 4, batchSize: 16 }
checkpoints: { every: 4 }
`);
  const runsDir = path.join(work, 'spiral-runs');
  assert.equal((await cli('train', spiral, '--runs-dir', runsDir)).code, 0);
  const [runDir] = runFolders(runsDir);
  const result = await cli('eval', runDir!);
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /nothing to measure for an archimedean spiral|nothing to measure for .*spiral.*Gaussian mixtures .* MNIST digits/i);
  assert.match((await cli('eval', runDir!, '--samples', '20000')).err.join('\n'), /--samples must be at most 10000/);
  assert.match((await cli('eval')).err.join('\n'), /eval needs a run folder/);
});

test('evaluating digits: FID far above the real-vs-real floor for an untrained generator, without leaking tensors', async () => {
  await useTestBackend();
  const { config } = resolvedConfig({ name: 'digits', data: { kind: 'mnist', limit: 2000 }, model: { kind: 'mlp', latentSize: 16, generator: { hidden: [32] }, discriminator: { hidden: [32] } } });
  const dataset = await loadDataset(config.data, { baseDir: '.', seed: 0 });
  const models = buildModels(config.model, dataset, 0);
  const evaluator = await GeneratorEvaluator.create(config, dataset);
  assert.ok(evaluator);
  try {
    assert.equal(evaluator.sampleCount(2500), 1000, 'FID needs two disjoint real sets as large as the sample: half of 2,000 digits');
    await evaluator.evaluate(models, 0, 500); // warms the real statistics for 500
    const tensors = tf.memory().numTensors;
    const record = await assertNoLeakAsync(() => evaluator.evaluate(models, 0, 500));
    assert.equal(tf.memory().numTensors, tensors);
    assert.ok(record.fid && record.fid.floor > 0 && record.fid.value > 10 * record.fid.floor,
      `untrained FID ${record.fid?.value}, real-vs-real floor ${record.fid?.floor}`);
    assert.equal(record.modes, undefined);
    assert.equal(record.labelAccuracy, undefined, 'an unconditional model has no label accuracy');
    // An untrained G's smooth grey is far from every digit (no precision, no coverage) and has none of the real digits' speckle.
    const figure = (name: string) => record.figures?.find((candidate) => candidate.name === name);
    assert.deepEqual(record.figures?.map((candidate) => candidate.name), ['precision', 'recall', 'density', 'coverage', 'speckle', 'speckleReal']);
    assert.ok(figure('precision')!.value < 0.05 && figure('coverage')!.value < 0.05, JSON.stringify(record.figures));
    const real = figure('speckleReal')!;
    assert.ok(real.baseline === true && real.value > 0.002 && real.value < 0.01 && figure('speckle')!.value < real.value, JSON.stringify(record.figures));
  } finally {
    evaluator.dispose();
    models.dispose();
  }
});
