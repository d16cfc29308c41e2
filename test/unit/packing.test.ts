import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import { modelSchema } from '../../src/core/config/modelSchema';
import type { GanConfigInput } from '../../src/core/config/schema';
import { loadDataset } from '../../src/core/data/load';
import { modeCoverage } from '../../src/core/eval/modeCoverage';
import { buildModels, type DataShape } from '../../src/core/models';
import { criticOf, pointwiseCriticOf } from '../../src/core/models/apply';
import { packRows, repeatRows } from '../../src/core/models/packing';
import { squaredInputGradientNorms } from '../../src/core/objectives/inputGradient';
import { readRun } from '../../src/core/run/runReader';
import { generateFromNoise } from '../../src/core/train/evaluation';
import { restoreGenerator } from '../../src/core/train/restore';
import { Random } from '../../src/core/util/random';
import { assertNoLeak, useTestBackend } from './support/backend';
import { refusedFields } from './support/configIssues';
import { resolvedConfig, tempDir, train } from './support/training';

before(useTestBackend);

const values = (x: Tensor) => Array.from(x.dataSync());

test('packRows puts m consecutive examples side by side along the last axis; a short batch starts over', () => {
  assertNoLeak(() => tf.tidy(() => {
    const points = tf.tensor2d([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]);
    const packed = packRows(points, 2);
    assert.deepEqual(packed.shape, [3, 4]);
    assert.deepEqual(values(packed), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    // Two 2×2 one-channel images become one two-channel image: channel k is example k.
    const images = tf.tensor4d([1, 2, 3, 4, 10, 20, 30, 40], [2, 2, 2, 1]);
    const channels = packRows(images, 2);
    assert.deepEqual(channels.shape, [1, 2, 2, 2]);
    assert.deepEqual(values(channels), [1, 10, 2, 20, 3, 30, 4, 40]);
    assert.deepEqual(values(repeatRows(tf.tensor2d([[1, 2], [3, 4]]), 3)), [1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
    assert.equal(packRows(points, 1), points);
  }));
});

const points: DataShape = { kind: 'points', exampleShape: [2], classNames: ['a', 'b'] };

test('a packed D scores each pack from all of its examples and only them; pointwise, each example alone', () => {
  const model = modelSchema.parse({ kind: 'mlp', discriminator: { hidden: [16], packing: 2 }, conditional: { discriminator: 'concat' } });
  const models = buildModels(model, points, 3);
  try {
    assertNoLeak(() => tf.tidy(() => {
      const labels = tf.tensor2d([[1, 0], [0, 1], [1, 0], [0, 1]]);
      const x = tf.tensor2d([[0.1, 0.2], [0.3, -0.4], [-0.5, 0.6], [0.7, 0.8]]);
      const moved = tf.tensor2d([[0.1, 0.2], [0.9, 0.9], [-0.5, 0.6], [0.7, 0.8]]);
      const critic = criticOf(models.discriminator, labels, false);
      const [a, b] = [values(critic(x)), values(critic(moved))];
      assert.equal(a.length, 2, 'one score per pack of two');
      assert.notEqual(a[0], b[0], 'moving the second example changes its pack\'s score');
      assert.equal(a[1], b[1], 'and not the other pack\'s');
      // Chunked evaluation keeps packs whole: the same scores.
      assert.deepEqual(values(criticOf(models.discriminator, labels, false, 3)(x)), a);
      const pointwise = pointwiseCriticOf(models.discriminator, labels);
      const [p, q] = [values(pointwise(x)), values(pointwise(moved))];
      assert.equal(p.length, 4);
      assert.deepEqual([p[0], p[2], p[3]], [q[0], q[2], q[3]], 'an example\'s own score ignores its neighbours');
      const twice = tf.tensor2d([[0.3, -0.4], [0.3, -0.4]]);
      assert.equal(p[1], values(criticOf(models.discriminator, tf.tensor2d([[0, 1], [0, 1]]), false)(twice))[0], 'a pack of copies');
      // Penalties take the gradient norm over a whole pack: the rows' squared norms summed in pairs.
      const norms = values(squaredInputGradientNorms(critic, x));
      const rows = values(tf.sum(tf.square(tf.grad((input: Tensor) => tf.sum(critic(input)))(x)), 1));
      assert.equal(norms.length, 2);
      assert.ok(Math.abs(norms[0]! - rows[0]! - rows[1]!) < 1e-6 && Math.abs(norms[1]! - rows[2]! - rows[3]!) < 1e-6, `${norms} from ${rows}`);
    }));
  } finally {
    models.dispose();
  }
});

test('packing is refused where the batch does not split into packs, beside InfoGAN, and outside the plain GAN', () => {
  const batch = refusedFields('name: p\ndata: { kind: ring }\nmodel: { kind: mlp, discriminator: { packing: 3 } }\ntraining: { batchSize: 64 }\n');
  assert.match(batch.get('model.discriminator.packing') ?? '', /3 does not divide training\.batchSize \(64\).*a batch size that is a multiple of 3/);
  const info = refusedFields('name: p\ndata: { kind: mnist }\nmodel: { kind: mlp, discriminator: { packing: 2 }, infogan: {} }\n');
  assert.match(info.get('model.discriminator.packing') ?? '', /InfoGAN's Q reads each example's code/);
  const bigan = refusedFields('name: p\nfamily: { kind: bigan }\ndata: { kind: ring }\nmodel: { kind: mlp, discriminator: { packing: 2 } }\n');
  assert.match(bigan.get('model.discriminator.packing') ?? '', /the bigan family .*; remove it/);
  const range = refusedFields('name: p\ndata: { kind: ring }\nmodel: { kind: mlp, discriminator: { packing: 1 } }\n');
  assert.ok(range.has('model.discriminator.packing'));
});

// A fast G against a one-layer D on the ring: unpacked, it collapses (diagnostics-runs.test.ts holds
// it to ≤ 2 modes); packed, D sees that a pack of four is four copies of one point. Measured while
// calibrating on seeds 1–3, 2,500 fresh samples: 0/8 modes unpacked on each, packed by 4: 7, 5, 6.
const collapsing = (packing?: number): GanConfigInput => ({
  name: `ring-packed-${packing ?? 1}`, seed: 1,
  data: { kind: 'ring', modes: 8, sigma: 0.05, count: 2000 },
  model: { kind: 'mlp', latentSize: 4, generator: { hidden: [64, 64] }, discriminator: { hidden: [32], ...(packing ? { packing } : {}) } },
  training: { steps: 800, batchSize: 64, generatorOptimizer: { kind: 'adam', learningRate: 0.01 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.002 } },
  logging: { every: 20, histogramEvery: 400 }, samples: { every: 100_000 }, checkpoints: { every: 100_000 },
});

async function modesCovered(input: GanConfigInput): Promise<{ covered: number; perMode: readonly number[]; runDir: string; tensors: number[] }> {
  const tensors: number[] = [];
  const { config, hash } = resolvedConfig(input);
  const { runDir } = await train({ runsDir: tempDir(), config: { config, hash } }, (event) => {
    if (event.type === 'progress') tensors.push(tf.memory().numTensors);
  });
  const restored = await restoreGenerator(runDir);
  const samples = await generateFromNoise(restored.generator, new Random(9).fillNormal(new Float32Array(2500 * restored.latent.noiseSize)), restored.latent.noiseSize);
  restored.dispose();
  const dataset = await loadDataset(config.data, { baseDir: '.', seed: config.seed });
  const coverage = modeCoverage(samples, dataset.mixture!);
  return { covered: coverage.modesCovered, perMode: coverage.perMode, runDir, tensors };
}

test('packing D by four keeps a collapsing generator on the ring\'s modes, with constant tensor counts', async (t) => {
  const unpacked = await modesCovered(collapsing());
  const packed = await modesCovered(collapsing(4));
  t.diagnostic(`unpacked ${unpacked.covered}/8 (${unpacked.perMode.join(',')}), packed by 4 ${packed.covered}/8 (${packed.perMode.join(',')})`);
  assert.ok(unpacked.covered <= 2, `unpacked: ${unpacked.covered}/8`);
  assert.ok(packed.covered >= 5, `packed by 4: ${packed.covered}/8 (${packed.perMode.join(',')})`);
  assert.equal(new Set(packed.tensors.slice(1)).size, 1, `tensor counts per step: ${packed.tensors.join(', ')}`);
  // The views read the packed D: histograms of pack scores, a plane of each point's own score.
  const run = await readRun(packed.runDir);
  const field = run.fields.at(-1)!;
  assert.equal(field.scores.length, 32 * 32);
  assert.ok(Math.max(...field.scores) - Math.min(...field.scores) > 0.05, 'D\'s map over the plane is not flat');
  assert.ok(run.histograms.length > 0 && run.histograms.every((h) => h.real.reduce((a, b) => a + b, 0) === 512 / 4), 'a histogram counts packs');
});
