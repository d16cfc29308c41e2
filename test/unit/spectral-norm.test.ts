import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../src/core/backend/tf';
import { modelSchema } from '../../src/core/config/modelSchema';
import { parseConfigText } from '../../src/core/config/parse';
import type { GanConfigInput } from '../../src/core/config/schema';
import { buildModels, type DataShape } from '../../src/core/models';
import { spectralLayers, spectralLayersOf } from '../../src/core/models/spectralNorm';
import { loadDataset } from '../../src/core/data/load';
import { modeCoverage } from '../../src/core/eval/modeCoverage';
import { readRun } from '../../src/core/run/runReader';
import { generateFromNoise } from '../../src/core/train/evaluation';
import { restoreGenerator } from '../../src/core/train/restore';
import { Random } from '../../src/core/util/random';
import { assertNoLeak, useTestBackend } from './support/backend';
import { refusedFields } from './support/configIssues';
import { gameLines, resolvedConfig, tempDir, train, wholeAndResumed } from './support/training';

before(useTestBackend);

const values = (x: Tensor) => Array.from(x.dataSync());

/** The largest singular value of a rows×cols matrix, by 500 plain-JS power-iteration steps on MᵀM: the reference. */
function largestSingularValue(matrix: readonly number[], rows: number, cols: number): number {
  let x = Array.from({ length: cols }, (_, i) => 1 + i / cols);
  let sigma = 0;
  for (let step = 0; step < 500; step++) {
    const y = Array.from({ length: rows }, (_, r) => x.reduce((sum, value, c) => sum + matrix[r * cols + c]! * value, 0));
    const z = Array.from({ length: cols }, (_, c) => y.reduce((sum, value, r) => sum + matrix[r * cols + c]! * value, 0));
    const norm = Math.hypot(...z);
    sigma = Math.sqrt(norm / Math.hypot(...x));
    x = z.map((value) => value / norm);
  }
  return sigma;
}

function spectralModel(layer: 'dense' | 'conv'): LayersModel {
  const { SpectralDense, SpectralConv2D } = spectralLayers();
  const kernelInitializer = tf.initializers.randomNormal({ mean: 0, stddev: 0.5, seed: 3 });
  if (layer === 'dense') {
    const input = tf.input({ shape: [6] });
    return tf.model({ inputs: input, outputs: new SpectralDense({ units: 4, kernelInitializer, vectorSeed: 5 }).apply(input) as never });
  }
  const input = tf.input({ shape: [6, 6, 2] });
  return tf.model({ inputs: input, outputs: new SpectralConv2D({ filters: 3, kernelSize: 3, strides: 2, kernelInitializer, vectorSeed: 5 }).apply(input) as never });
}

test('a spectrally normalized dense layer computes with W/σ, σ converging to W\'s largest singular value', async () => {
  const model = spectralModel('dense');
  try {
    const [layer] = spectralLayersOf(model);
    assert.ok(layer);
    const [kernel, bias] = model.getWeights();
    const reference = largestSingularValue(values(kernel!), 6, 4);
    const first = await layer.sigma();
    assert.ok(first > 0.3 * reference && first <= reference * (1 + 1e-4), `one step from a random u: ${first} of ${reference}`);
    for (let step = 0; step < 30; step++) layer.advance();
    const sigma = await layer.sigma();
    assert.ok(Math.abs(sigma - reference) < 1e-3 * reference, `${sigma} vs ${reference}`);
    assertNoLeak(() => tf.tidy(() => {
      const x = tf.tensor2d(new Random(1).fillNormal(new Float32Array(5 * 6)), [5, 6]);
      const expected = tf.add(tf.matMul(x, tf.div(kernel!, sigma)), bias!);
      const actual = model.predict(x) as Tensor;
      assert.ok(tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]! < 1e-4);
      // The normalized kernel stretches no input by more than 1.
      const gains = tf.div(tf.norm(tf.matMul(x, tf.div(kernel!, sigma)), 2, 1), tf.norm(x, 2, 1));
      assert.ok(tf.max(gains).dataSync()[0]! <= 1 + 1e-3);
    }));
  } finally {
    model.dispose();
  }
});

test('a spectrally normalized convolution is the same convolution with its kernel divided by σ of its reshaped matrix', async () => {
  const model = spectralModel('conv');
  try {
    const [layer] = spectralLayersOf(model);
    for (let step = 0; step < 40; step++) layer!.advance();
    const [kernel] = model.getWeights();
    const reference = largestSingularValue(values(kernel!), 3 * 3 * 2, 3);
    const sigma = await layer!.sigma();
    assert.ok(Math.abs(sigma - reference) < 1e-3 * reference, `${sigma} vs ${reference}`);
    assertNoLeak(() => tf.tidy(() => {
      const x = tf.tensor4d(new Random(2).fillNormal(new Float32Array(2 * 6 * 6 * 2)), [2, 6, 6, 2]);
      const expected = tf.conv2d(x, tf.div(kernel!, sigma) as Tensor4D, 2, 'same');
      const actual = model.predict(x) as Tensor;
      assert.deepEqual(actual.shape, [2, 3, 3, 3]);
      assert.ok(tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]! < 1e-4);
    }));
  } finally {
    model.dispose();
  }
});

const points: DataShape = { kind: 'points', exampleShape: [2], classNames: ['a', 'b'] };
const digits: DataShape = { kind: 'images', exampleShape: [28, 28, 1], classNames: ['0', '1'] };

test('spectralNorm reaches every weight layer of D (score and projection included) and no layer of G', () => {
  const cases: [object, DataShape, number][] = [
    [{ kind: 'mlp', discriminator: { hidden: [8, 8], spectralNorm: true }, conditional: {} }, points, 4],
    [{ kind: 'dcgan', generator: { channels: 4 }, discriminator: { channels: 4, batchNorm: false, spectralNorm: true } }, digits, 3],
  ];
  for (const [config, data, count] of cases) {
    const models = buildModels(modelSchema.parse(config), data, 1);
    try {
      assert.equal(spectralLayersOf(models.discriminator).length, count, JSON.stringify(config));
      assert.equal(spectralLayersOf(models.generator).length, 0);
      // u and v are weights, so checkpoints hold them, but never trained.
      const names = models.discriminator.weights.map((weight) => weight.originalName);
      assert.equal(names.filter((name) => /\/(u|v)$/.test(name)).length, 2 * count);
      assert.ok(models.discriminator.trainableWeights.every((weight) => !/\/(u|v)$/.test(weight.originalName)));
    } finally {
      models.dispose();
    }
  }
});

test('spectralNorm is refused beside weight clipping and outside the plain GAN', () => {
  const clip = refusedFields('name: s\ndata: { kind: ring }\nmodel: { kind: mlp, discriminator: { spectralNorm: true } }\nobjective: { kind: wasserstein, weightClip: 0.01 }\n');
  assert.match(clip.get('model.discriminator.spectralNorm') ?? '', /weightClip and spectral normalization both bound/);
  const bigan = refusedFields('name: s\nfamily: { kind: bigan }\ndata: { kind: ring }\nmodel: { kind: mlp, discriminator: { spectralNorm: true } }\n');
  assert.match(bigan.get('model.discriminator.spectralNorm') ?? '', /the bigan family .*; remove it/);
  assert.ok(parseConfigText('name: s\ndata: { kind: ring }\nmodel: { kind: mlp, discriminator: { spectralNorm: true } }\nobjective: { kind: hinge }\n').ok);
});

// The ring with a hinge loss and spectral normalization (SN-GAN's pairing), small enough for CI.
const ring: GanConfigInput = {
  name: 'ring-sn', seed: 4,
  data: { kind: 'ring', modes: 8, sigma: 0.05, count: 2000 },
  model: { kind: 'mlp', latentSize: 4, generator: { hidden: [64, 64] }, discriminator: { hidden: [64, 64], spectralNorm: true } },
  objective: { kind: 'hinge' },
  training: { steps: 120, batchSize: 64, generatorOptimizer: { kind: 'adam', learningRate: 0.001, beta1: 0.5 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.001, beta1: 0.5 } },
  logging: { every: 5, histogramEvery: 60 }, samples: { every: 1000 }, checkpoints: { every: 1000 },
};

test('a spectrally normalized D resumes exactly (u and v are checkpointed) with a constant tensor count', async () => {
  const counts: number[] = [];
  const runsDir = tempDir();
  const { whole, split } = await wholeAndResumed(runsDir, resolvedConfig(ring), 60);
  const [expected, actual] = await Promise.all([readRun(whole.runDir), readRun(split.runDir)]);
  const [a, b] = [gameLines(actual.metrics), gameLines(expected.metrics)];
  assert.equal(a.length, b.length);
  a.forEach((record, i) => {
    for (const key of ['dLoss', 'gLoss', 'gradNormD'] as const) {
      assert.ok(Math.abs(record[key]! - b[i]![key]!) <= 1e-4 * Math.max(1, Math.abs(b[i]![key]!)), `step ${record.step} ${key}`);
    }
  });
  await train({ runsDir: tempDir(), config: resolvedConfig({ ...ring, training: { ...ring.training, steps: 30 } }) }, (event) => {
    if (event.type === 'progress') counts.push(tf.memory().numTensors);
  });
  assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts per step: ${counts.join(', ')}`);
});

// SN-GAN's recipe in the plane: hinge loss, five D steps per G step. Measured on seeds 1–3 at 800
// steps (2,500 samples): 8/8 modes with mode KL 0.036, 0.153, 0.031 and 2 % high quality; the same
// D without spectral normalization: 8/8 with KL 0.749, 0.160, 0.253 and 41–44 % high quality. A
// 1-Lipschitz D evens the modes out, and is too smooth to pull samples within 3σ (0.15) of them.
test('a spectrally normalized D spreads the ring\'s samples evenly over all eight modes', async (t) => {
  const input: GanConfigInput = {
    ...ring, seed: 1,
    training: { ...ring.training, steps: 800, dSteps: 5, discriminatorOptimizer: { kind: 'adam', learningRate: 0.002, beta1: 0.5 } },
    logging: { every: 50, histogramEvery: 100_000 },
  };
  const { config, hash } = resolvedConfig(input);
  const { runDir } = await train({ runsDir: tempDir(), config: { config, hash } });
  const restored = await restoreGenerator(runDir);
  const samples = await generateFromNoise(restored.generator, new Random(9).fillNormal(new Float32Array(2500 * restored.latent.noiseSize)), restored.latent.noiseSize);
  restored.dispose();
  const coverage = modeCoverage(samples, (await loadDataset(config.data, { baseDir: '.', seed: config.seed })).mixture!);
  t.diagnostic(`modes ${coverage.modesCovered}/8, mode KL ${coverage.modeKl.toFixed(3)}, high quality ${coverage.highQualityShare.toFixed(3)}`);
  assert.equal(coverage.modesCovered, 8);
  assert.ok(coverage.modeKl <= 0.1, `mode KL ${coverage.modeKl}`);
});
