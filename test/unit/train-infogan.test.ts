import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { isMetricsRecord } from '../../src/core/run/records';
import { latentBatch, latentSpec } from '../../src/core/models/latent';
import { codeLayout } from '../../src/core/models/codeLayout';
import { mutualInformationLoss } from '../../src/core/objectives/mutualInformation';
import { loadDataset } from '../../src/core/data/load';
import { buildModels } from '../../src/core/models';
import { generate } from '../../src/core/models/apply';
import { loadCheckpoint, latestCheckpoint } from '../../src/core/train/checkpoint';
import { drawLatents } from '../../src/core/models/latentDraws';
import { sampleGrid } from '../../src/core/train/sampleGrid';
import { Random } from '../../src/core/util/random';
import { assertNoLeak, useTestBackend } from './support/backend';
import { gameLines, resolvedConfig, tempDir, train } from './support/training';

test('the mutual-information loss is the categorical cross-entropy plus the Gaussian negative log-likelihood, each weighted', async () => {
  await useTestBackend();
  const layout = codeLayout({ categorical: [3], continuous: [{ min: -1, max: 1 }] });
  // Two examples: logits for 3 categories, then the continuous code's mean, then its log-std.
  const parameters = [[2, 0, -1, 0.5, Math.log(0.5)], [0, 1, 0, -0.2, 9]];
  const codes = [[1, 0, 0, 0.3], [0, 0, 1, 0.6]];
  const logSoftmax = (row: number[], k: number) => row[k]! - Math.log(row.slice(0, 3).reduce((sum, v) => sum + Math.exp(v), 0));
  const crossEntropy = -(logSoftmax(parameters[0]!, 0) + logSoftmax(parameters[1]!, 2)) / 2;
  // The second log-std (9) is held at the limit 2.5.
  const nll = (value: number, mean: number, logStd: number) => logStd + 0.5 * Math.log(2 * Math.PI) + 0.5 * ((value - mean) / Math.exp(logStd)) ** 2;
  const gaussian = (nll(0.3, 0.5, Math.log(0.5)) + nll(0.6, -0.2, 2.5)) / 2;
  const loss = assertNoLeak(() => tf.tidy(() =>
    mutualInformationLoss(tf.tensor2d(parameters), tf.tensor2d(codes), layout, { categorical: 2, continuous: 0.1 }).dataSync()[0]!));
  assert.ok(Math.abs(loss - (2 * crossEntropy + 0.1 * gaussian)) < 1e-5, `loss ${loss}, expected ${2 * crossEntropy + 0.1 * gaussian}`);
});

test('a short InfoGAN run: Q recovers the categorical code from G\'s output far above chance, and G uses its codes', async () => {
  await useTestBackend();
  const { config, hash } = resolvedConfig({
    name: 'infogan-ring', seed: 5,
    data: { kind: 'ring', modes: 4, sigma: 0.05, count: 2000 },
    model: { kind: 'mlp', latentSize: 2, generator: { hidden: [64, 64] }, discriminator: { hidden: [64, 64] }, infogan: { categorical: [4], continuous: [{}], headHidden: 32 } },
    training: { steps: 300, batchSize: 64, generatorOptimizer: { kind: 'adam', learningRate: 0.002 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.002 } },
    logging: { every: 25, histogramEvery: 300 }, samples: { every: 300 }, checkpoints: { every: 300 },
  });
  const run = await train({ runsDir: tempDir(), config: { config, hash } });
  assert.equal(run.info.status, 'completed');
  const metrics = await readJsonLines(path.join(run.runDir, 'metrics.jsonl'), isMetricsRecord);
  const infoLosses = gameLines(metrics).map((record) => record.infoLoss!);
  assert.ok(infoLosses.every(Number.isFinite), 'every metrics line has infoLoss');
  // −log(1/4) ≈ 1.39 for a Q that has learnt nothing.
  assert.ok(infoLosses.at(-1)! < 0.6, `infoLoss ${infoLosses[0]} → ${infoLosses.at(-1)}`);

  const dataset = await loadDataset(config.data, { baseDir: '.', seed: config.seed });
  const models = buildModels(config.model, dataset, config.seed);
  await loadCheckpoint((await latestCheckpoint(run.runDir))!.dir, { networks: { generator: models.generator, discriminator: models.discriminator, qHead: models.info!.qHead } });
  const count = 400;
  const values = drawLatents(new Random(8), models.latent, count);
  const predicted = tf.tidy(() => {
    const latent = latentBatch(values);
    const [, parameters] = models.info!.scoreAndCodes.apply(generate(models.generator, latent, false), { training: false }) as Tensor[];
    return tf.argMax(tf.slice(parameters!, [0, 0], [-1, 4]), 1).dataSync();
  });
  const width = codeLayout(models.latent.codes!).width;
  const truth = Array.from({ length: count }, (_, i) => values.codes!.subarray(i * width, i * width + 4).indexOf(1));
  const accuracy = truth.filter((category, i) => predicted[i] === category).length / count;
  models.dispose();
  assert.ok(accuracy >= 0.9, `Q's accuracy on the categorical code ${accuracy} (chance 0.25)`);
});

test('InfoGAN grids: one row per category of the first code, columns sweeping the first continuous code, all else fixed', () => {
  const spec = { noiseSize: 2, codes: { categorical: [3, 2], continuous: [{ min: -2, max: 2 }, { min: 0, max: 1 }] } };
  const { latents, columns } = sampleGrid(spec, new Random(1), 15, { kind: 'images' });
  assert.equal(columns, 5);
  assert.equal(latents.count, 15);
  const rows = Array.from({ length: 15 }, (_, i) => Array.from(latents.codes!.subarray(i * 7, i * 7 + 7)));
  assert.deepEqual(rows[0], [1, 0, 0, 1, 0, -2, 0.5]);
  assert.deepEqual(rows[7], [0, 1, 0, 1, 0, 0, 0.5]);
  assert.deepEqual(rows[14], [0, 0, 1, 1, 0, 2, 0.5]);
  const z = (i: number) => Array.from(latents.z.subarray(i * 2, i * 2 + 2));
  assert.deepEqual(z(14), z(0), 'one z for the whole traversal');

  // Without a continuous code, columns show different noise instead.
  const noiseColumns = sampleGrid({ noiseSize: 2, codes: { categorical: [4], continuous: [] } }, new Random(1), 8, { kind: 'images' });
  const zOf = (i: number) => Array.from(noiseColumns.latents.z.subarray(i * 2, i * 2 + 2));
  assert.equal(noiseColumns.columns, 2);
  assert.deepEqual(zOf(2), zOf(0));
  assert.notDeepEqual(zOf(1), zOf(0));
});

test('latentStd sets the spread of z in training draws and in every kind of sample grid', () => {
  const spread = (values: Float32Array) => Math.sqrt(values.reduce((sum, v) => sum + v * v, 0) / values.length);
  const codes = { categorical: [4], continuous: [] };
  for (const noiseStd of [0.1, 1, 3]) {
    const spec = { noiseSize: 8, noiseStd, codes };
    assert.ok(Math.abs(spread(drawLatents(new Random(2), spec, 2000).z) / noiseStd - 1) < 0.05, `training draws at σ ${noiseStd}`);
    assert.ok(Math.abs(spread(sampleGrid(spec, new Random(2), 400, { kind: 'images' }).latents.z) / noiseStd - 1) < 0.1, `InfoGAN grid at σ ${noiseStd}`);
    const classes = { noiseSize: 8, noiseStd, classes: { names: ['a', 'b'] } };
    const grid = sampleGrid(classes, new Random(2), 400, { kind: 'images', labels: Int32Array.from([0, 1]) });
    assert.ok(Math.abs(spread(grid.latents.z) / noiseStd - 1) < 0.1, `class-row grid at σ ${noiseStd}`);
    assert.ok(Math.abs(spread(sampleGrid({ noiseSize: 8, noiseStd }, new Random(2), 400, { kind: 'points' }).latents.z) / noiseStd - 1) < 0.1);
  }
  // Left out, it stays out of the resolved config (and its hash) and of the spec: such runs draw exactly as before.
  const { config, hash } = resolvedConfig({ name: 'x', data: { kind: 'ring' } });
  assert.equal('latentStd' in config.model, false);
  assert.equal(latentSpec(config.model, undefined).noiseStd, undefined);
  assert.notEqual(resolvedConfig({ name: 'x', data: { kind: 'ring' }, model: { kind: 'mlp', latentStd: 0.1 } }).hash, hash);
});

test('the tensor count stays constant across InfoGAN steps (DCGAN trunk, gradient penalty, augmentation, histograms, samples)', async () => {
  await useTestBackend();
  const counts: number[] = [];
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({
    name: 'infogan-memory', seed: 6, data: { kind: 'mnist', limit: 200 },
    model: { kind: 'dcgan', latentSize: 4, generator: { channels: 2 }, discriminator: { channels: 2, minibatchDiscrimination: { kernels: 2, dims: 2 } }, infogan: { categorical: [3], continuous: [{}] } },
    objective: { kind: 'wasserstein' }, regularizers: { gradientPenalty: { weight: 1 }, augmentation: { thickness: 0.5 } },
    training: { steps: 8, batchSize: 8 },
    logging: { every: 2, histogramEvery: 3 }, samples: { every: 4, count: 6 }, checkpoints: { every: 5 },
  }) }, (event) => {
    if (event.type === 'progress') counts.push(tf.memory().numTensors);
  });
  assert.equal(run.info.status, 'completed');
  assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts per step: ${counts.join(', ')}`);
});
