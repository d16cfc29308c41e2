import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { tf } from '../../src/core/backend/tf';
import { ganConfigSchema, type GanConfigInput } from '../../src/core/config/schema';
import { generateToyDataset } from '../../src/core/data/toy2d';
import type { ToyDataConfig } from '../../src/core/config/dataSchema';
import { buildGenerator, buildModels } from '../../src/core/models';
import { latestCheckpoint, loadCheckpoint } from '../../src/core/train/checkpoint';
import { fixedSamples, generateFrom } from '../../src/core/train/evaluation';
import { GeneratorEma } from '../../src/core/families/gan/generatorEma';
import { restoreGenerator } from '../../src/core/train/restore';
import { assertNoLeak, useTestBackend } from './support/backend';
import { resolvedConfig, tempDir, wholeAndResumed } from './support/training';

// Batch norm in G: its moving statistics are weights the average must carry too.
const averaged: GanConfigInput = {
  name: 'ema', seed: 5,
  data: { kind: 'grid', size: 3, count: 600 },
  model: { kind: 'mlp', latentSize: 4, generator: { hidden: [24], batchNorm: true }, discriminator: { hidden: [24] } },
  training: { steps: 60, batchSize: 32, generatorEma: { decay: 0.95 } },
  logging: { every: 10, histogramEvery: 30 }, samples: { every: 1000, count: 16 }, checkpoints: { every: 1000 },
};

const weightsOf = (model: { getWeights(): { dataSync(): ArrayLike<number> }[] }) =>
  model.getWeights().map((weight) => Array.from(weight.dataSync()));

function maxDifference(a: number[][], b: number[][]): number {
  assert.equal(a.length, b.length);
  return Math.max(...a.map((values, i) => Math.max(...values.map((value, j) => Math.abs(value - b[i]![j]!)))));
}

test('the generator average folds each step in with a warm-up decay, and leaks no tensor', async () => {
  await useTestBackend();
  const config = ganConfigSchema.parse(averaged);
  const data = generateToyDataset(config.data as ToyDataConfig, config.seed);
  const models = buildModels(config.model, data, config.seed);
  const ema = GeneratorEma.create(config, data, models.generator)!;
  try {
    const start = weightsOf(models.generator);
    assert.equal(maxDifference(weightsOf(ema.model), start), 0, 'the average starts at the generator');
    // Move G somewhere known, then fold in step 1: decay min(0.95, 2/11).
    models.generator.setWeights(models.generator.getWeights().map((weight) => tf.onesLike(weight)));
    assertNoLeak(() => ema.update(models.generator, 1));
    const decay = 2 / 11;
    const expected = start.map((values) => values.map((value) => decay * value + (1 - decay)));
    assert.ok(maxDifference(weightsOf(ema.model), expected) < 1e-6);
    // Far into training the configured decay rules: a step moves the average by 5 % of the gap.
    const before = weightsOf(ema.model);
    assertNoLeak(() => ema.update(models.generator, 10_000));
    const later = before.map((values) => values.map((value) => 0.95 * value + 0.05));
    assert.ok(maxDifference(weightsOf(ema.model), later) < 1e-6);
  } finally {
    ema.dispose();
    models.dispose();
  }
});

test('a run with generatorEma samples the average, checkpoints it, resumes it exactly and exports it', async () => {
  await useTestBackend();
  const { whole, resumed } = await wholeAndResumed(tempDir(), resolvedConfig(averaged), 30);

  const config = ganConfigSchema.parse(averaged);
  const restored = await restoreGenerator(whole.runDir, 'wasm');
  const fromCheckpoint = async (runDir: string, part: 'generator' | 'generatorEma') => {
    const model = buildGenerator(config.model, restored.dataset, config.seed);
    try {
      await loadCheckpoint(path.join((await latestCheckpoint(runDir))!.dir), { networks: { [part]: model } });
      return weightsOf(model);
    } finally {
      model.dispose();
    }
  };
  try {
    const average = await fromCheckpoint(whole.runDir, 'generatorEma');
    const trained = await fromCheckpoint(whole.runDir, 'generator');
    assert.ok(maxDifference(average, trained) > 1e-3, 'the average differs from the generator it follows');
    assert.ok(maxDifference(await fromCheckpoint(resumed.runDir, 'generatorEma'), average) < 1e-5,
      'stopping and resuming gives the same average as one uninterrupted run');
    assert.equal(maxDifference(weightsOf(restored.generator), average), 0, 'sampling and export use the average');

    // The run's last plotted samples come from the average, not from the generator being trained.
    const field = whole.events.filter((event) => event.type === 'field').at(-1);
    assert.ok(field?.type === 'field' && field.record.step === 60);
    const latents = fixedSamples(config.seed, restored, restored.dataset, config.samples.count).latents;
    const shown = Float32Array.from(field.record.fake.flat());
    const fromAverage = await generateFrom(restored.generator, latents);
    // The plane plots the first of the fixed samples.
    assert.ok(shown.length > 0 && shown.length <= fromAverage.length);
    assert.ok(shown.every((value, i) => Math.abs(value - fromAverage[i]!) < 1e-3));
  } finally {
    restored.dispose();
  }
});
