import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from '../../src/core/backend/tf';
import { parseConfigText } from '../../src/core/config/parse';
import type { GanConfigInput } from '../../src/core/config/schema';
import { loadDataset } from '../../src/core/data/load';
import { familyOf } from '../../src/core/families';
import type { FamilyFigure } from '../../src/core/run/evaluationRecords';
import { readRun, readStoredConfig } from '../../src/core/run/runReader';
import { evaluateRun } from '../../src/core/train/evaluateRun';
import { useTestBackend } from './support/backend';
import { cli } from './support/cli';
import { resolvedConfig, tempDir, train, wholeAndResumed } from './support/training';

// BiGAN in the plane: x on a spiral, z one number. A learned encoder reads each point's position
// along the spiral back, so G(E(x)) lands near x, far nearer than a random other point x′. R1 on the
// pairs keeps E and G from chasing each other around the spiral.
const spiral: GanConfigInput = {
  name: 'bigan-spiral', seed: 3,
  family: { kind: 'bigan' },
  data: { kind: 'spiral', count: 4000 },
  model: { kind: 'mlp', latentSize: 1, generator: { hidden: [64, 64] }, discriminator: { hidden: [64, 64] } },
  regularizers: { r1: { gamma: 1 } },
  training: {
    steps: 750, batchSize: 128,
    generatorOptimizer: { kind: 'adam', learningRate: 0.001, beta1: 0.5 },
    discriminatorOptimizer: { kind: 'adam', learningRate: 0.001, beta1: 0.5 },
  },
  logging: { every: 50, histogramEvery: 250 }, samples: { every: 375, count: 64 }, checkpoints: { every: 375 },
  evaluation: { samples: 1000 },
};

test('encode explains what it cannot do: a GAN has no encoder, an output needs a known format', async () => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({ ...spiral, family: { kind: 'gan' }, regularizers: {}, training: { ...spiral.training, steps: 5 } }) });
  const noEncoder = await cli('encode', run.runDir, '--out', path.join(tempDir(), 'codes.csv'));
  assert.equal(noEncoder.code, 2);
  assert.match(noEncoder.all(), /is a gan run, which learns no encoder/);
  const format = await cli('encode', run.runDir, '--out', 'codes.txt');
  assert.equal(format.code, 2);
  assert.match(format.all(), /the codes file must end in \.csv or \.json/);
});

test('a BiGAN config refuses what cannot work on (x, z) pairs, naming the field', () => {
  const yaml = ['name: b', 'family:', '  kind: bigan', 'data:', '  kind: mnist', 'model:', '  kind: mlp',
    '  conditional: {}', 'regularizers:', '  augmentation: {}', 'training:', '  generatorEma: {}'].join('\n');
  const result = parseConfigText(yaml, { file: 'b.gan.yaml' });
  assert.ok(!result.ok);
  const byPath = new Map(result.issues.map((issue) => [issue.path.join('.'), issue.message]));
  for (const field of ['model.conditional', 'regularizers.augmentation', 'training.generatorEma']) {
    assert.match(byPath.get(field) ?? '', /the bigan family .*; remove it/, field);
  }
  const unknown = parseConfigText('name: b\nfamily:\n  kind: bigun\ndata:\n  kind: ring\n');
  assert.ok(!unknown.ok && unknown.issues.some((issue) => issue.path[0] === 'family' && /bigan/.test(issue.message)));
});

test('BiGAN on a spiral learns an encoder: G(E(x)) lands near x', async () => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: resolvedConfig(spiral) });
  assert.equal(run.info.status, 'completed');
  const before = figure(await untrainedFigures(run.runDir), 'reconstructionRatio');
  const { figures } = await evaluateRun({ runDir: run.runDir, record: true });
  const ratio = figure(figures ?? [], 'reconstructionRatio');
  // 1 means G(E(x)) is as far from x as from any other point: what the untrained pair gives.
  assert.ok(before > 0.9, `ratio of the untrained encoder and generator: ${before}`);
  assert.ok(ratio < 0.6, `‖x − G(E(x))‖ / ‖x′ − G(E(x))‖ = ${ratio}`);

  // The run shows what BiGAN is: its catalogue, its reconstructions view, the plane coloured by E(x).
  const read = await readRun(run.runDir);
  assert.deepEqual(read.info.catalogue?.headline, ['dLoss', 'gLoss']);
  assert.ok(read.metrics.every((line) => typeof line['encoderTerm'] === 'number' && typeof line['generatorTerm'] === 'number'));
  assert.deepEqual(read.info.views?.map((view) => view.name), ['reconstructions']);
  assert.ok(fs.existsSync(path.join(run.runDir, 'samples', 'reconstructions', 'step-750.png')));
  const field = fs.readFileSync(path.join(run.runDir, 'field.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { scoreLabel?: string });
  assert.equal(field.at(-1)?.scoreLabel, 'E(x)');
  // Encode and export: the encoder's codes for the data, and both networks as LayersModels.
  const out = tempDir();
  assert.equal((await cli('encode', run.runDir, '--out', path.join(out, 'codes.csv'))).code, 0);
  const rows = fs.readFileSync(path.join(out, 'codes.csv'), 'utf8').trim().split('\n');
  assert.equal(rows[0], 'index,z0', 'a spiral has no labels: index and the one code');
  assert.equal(rows.length, 1 + 4000);
  assert.ok(rows.slice(1).every((row) => /^\d+,-?[\d.e-]+$/.test(row)), rows[1]);
  assert.equal((await cli('export', run.runDir, '--out', path.join(out, 'model'))).code, 0);
  const exported = JSON.parse(fs.readFileSync(path.join(out, 'model', 'encoder', 'model.json'), 'utf8')) as { modelTopology: { config: { name: string } } };
  assert.equal(exported.modelTopology.config.name, 'encoder');
  assert.ok(fs.statSync(path.join(out, 'model', 'encoder', 'weights.bin')).size > 0);
  assert.ok(fs.existsSync(path.join(out, 'model', 'model.json')), 'the generator beside it');

  const checkpoint = fs.readdirSync(path.join(run.runDir, 'checkpoints', 'step-750')).sort();
  assert.deepEqual(checkpoint.filter((name) => name.endsWith('.bin')),
    ['discriminator.bin', 'discriminatorOptimizer.bin', 'encoder.bin', 'generator.bin', 'generatorOptimizer.bin']);
});

test('BiGAN resumes exactly and holds its tensor count', async () => {
  await useTestBackend();
  const short = resolvedConfig({
    ...spiral, training: { ...spiral.training, steps: 60, dSteps: 2 },
      logging: { every: 5, histogramEvery: 20 }, samples: { every: 25, count: 16 }, checkpoints: { every: 1000 },
  });
  const { whole, split } = await wholeAndResumed(tempDir(), short, 30);
  const [expected, actual] = await Promise.all([readRun(whole.runDir), readRun(split.runDir)]);
  assert.equal(actual.metrics.length, 60 / 5);
  actual.metrics.forEach((record, i) => {
    for (const key of ['dLoss', 'gLoss', 'encoderTerm', 'r1Penalty', 'gradNormG']) {
      assert.equal(record[key], expected.metrics[i]![key], `step ${record.step} ${key}`);
    }
  });

  const counts: number[] = [];
  await train({ runsDir: tempDir(), config: short }, (event) => {
    if (event.type === 'progress') counts.push(tf.memory().numTensors);
  });
  assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts per step: ${counts.join(', ')}`);
});

/** The encoder figures of a run's networks as built before training (the same seed gives the same initial weights). */
async function untrainedFigures(runDir: string) {
  const { config } = await readStoredConfig(runDir);
  const dataset = await loadDataset(config.data, { baseDir: '.', seed: config.seed });
  const family = familyOf(config).build(config, dataset);
  try {
    return await family.measure!();
  } finally {
    family.dispose();
  }
}


function figure(figures: readonly FamilyFigure[], name: string): number {
  const found = figures.find((candidate) => candidate.name === name);
  assert.ok(found, `no ${name} among ${figures.map((candidate) => candidate.name).join(', ')}`);
  return found.value;
}
