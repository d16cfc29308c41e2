import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../src/core/backend/tf';
import type { GanConfigInput } from '../../src/core/config/schema';
import type { Dataset } from '../../src/core/data/dataset';
import { loadDataset } from '../../src/core/data/load';
import { discriminatorField, FIELD_GRID_SIZE, FIELD_POINTS, LATENT_GRID_SIZE } from '../../src/core/eval/field';
import { cellCentres, planeBounds } from '../../src/core/eval/plane';
import { buildModels } from '../../src/core/models';
import { nonSaturatingObjective } from '../../src/core/objectives/logistic';
import { wassersteinObjective } from '../../src/core/objectives/wasserstein';
import { renderScatter } from '../../src/core/render/scatter';
import type { FieldRecord, PlanePoint } from '../../src/core/run/records';
import { readRun } from '../../src/core/run/runReader';
import { TrainingSession } from '../../src/core/train/session';
import { assertNoLeakAsync, useTestBackend } from './support/backend';
import { resolvedConfig, tempDir, train } from './support/training';

// D leads G here (two D-steps, G's learning rate a tenth of D's), so D learns the ring clearly while
// the fakes still sit away from it. In balanced play the arrows swing from step to step.
const ring: GanConfigInput = {
  name: 'ring-field', seed: 1,
  data: { kind: 'ring', modes: 8, sigma: 0.05, count: 4000 },
  model: { kind: 'mlp', latentSize: 8, generator: { hidden: [64, 64] }, discriminator: { hidden: [64, 64] } },
  training: {
    steps: 300, batchSize: 128, dSteps: 2,
    generatorOptimizer: { kind: 'adam', learningRate: 0.0002 },
    discriminatorOptimizer: { kind: 'adam', learningRate: 0.002 },
  },
  logging: { every: 50, histogramEvery: 100 }, samples: { every: 1000 }, checkpoints: { every: 1000 },
};

/** D's displayed output in the grid cell holding (x, y), row 0 at yMax as FieldRecord documents. */
function scoreAt(field: FieldRecord, [x, y]: PlanePoint): number {
  const { xMin, xMax, yMin, yMax } = field.bounds;
  const column = Math.min(field.size - 1, Math.floor(((x - xMin) / (xMax - xMin)) * field.size));
  const row = Math.min(field.size - 1, Math.floor(((yMax - y) / (yMax - yMin)) * field.size));
  return field.scores[row * field.size + column]!;
}

const average = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Mean D score on the mode centres minus the mean on empty places (the centre, and halfway to each mode). */
function modeAdvantage(field: FieldRecord, centers: readonly PlanePoint[]): number {
  const empty: PlanePoint[] = [[0, 0], ...centers.map(([x, y]) => [x * 0.4, y * 0.4] as const)];
  return average(centers.map((c) => scoreAt(field, c))) - average(empty.map((p) => scoreAt(field, p)));
}

/** Mean cosine between each fake point's arrow and the direction to its nearest mode. */
function meanCosineToNearestMode(field: FieldRecord, centers: readonly PlanePoint[]): number {
  return average(field.fake.map(([x, y], k) => {
    const [ax, ay] = field.arrows[k]!;
    const [cx, cy] = centers.reduce((best, c) => Math.hypot(c[0] - x, c[1] - y) < Math.hypot(best[0] - x, best[1] - y) ? c : best);
    const norm = Math.hypot(ax, ay) * Math.hypot(cx - x, cy - y);
    return norm > 0 ? (ax * (cx - x) + ay * (cy - y)) / norm : 0;
  }));
}

/** Whether the scatter plot draws a generated point at (x, y). */
function scatterDraws(point: PlanePoint): boolean {
  const empty = new Float32Array(0);
  return !renderScatter(empty, Float32Array.from(point)).equals(renderScatter(empty, empty));
}

test('a ring run writes field.jsonl: documented shapes, the scatter plot\'s bounds, and a D and G that learned', async () => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: resolvedConfig(ring) });
  assert.equal(run.info.status, 'completed');
  const { fields } = await readRun(run.runDir);
  assert.deepEqual(fields.map((f) => f.step), [0, 100, 200, 300], 'on the histogram schedule');
  const fired = run.events.flatMap((event) => (event.type === 'field' ? [event.record] : []));
  assert.deepEqual(fired, fields, 'the events carry what was written');

  for (const field of fields) {
    assert.equal(field.size, FIELD_GRID_SIZE);
    assert.equal(field.scores.length, field.size ** 2);
    assert.ok(field.scores.every((s) => s >= 0 && s <= 1), 'probabilities for the non-saturating objective');
    assert.deepEqual(field.scoreRange, [0, 1]);
    assert.equal(field.real.length, FIELD_POINTS);
    assert.equal(field.fake.length, FIELD_POINTS);
    assert.equal(field.arrows.length, field.fake.length);
    assert.deepEqual(field.real, fields[0]!.real, 'the same real subset at every step');
    assert.deepEqual(field.bounds, planeBounds);
  }
  // The scatter plot draws exactly this square: points on each edge show, points just past it do not.
  const { xMin, xMax, yMin, yMax } = fields[0]!.bounds;
  for (const edge of [[xMin, 0], [xMax, 0], [0, yMin], [0, yMax]] as const) {
    assert.ok(scatterDraws(edge), `scatter draws (${edge.join(', ')})`);
    const outside = edge.map((v) => v * 1.02) as unknown as PlanePoint;
    assert.ok(!scatterDraws(outside), `scatter leaves out (${outside.join(', ')})`);
  }

  const dataset = await loadDataset(resolvedConfig(ring).config.data, { baseDir: '.', seed: 1 });
  const centers = dataset.mixture!.centers;
  const [first, last] = [fields[0]!, fields.at(-1)!];
  assert.ok(Math.abs(modeAdvantage(first, centers)) < 0.1, `untrained D barely tells modes apart: ${modeAdvantage(first, centers)}`);
  assert.ok(modeAdvantage(last, centers) > 0.3, `trained D scores the modes above empty places by ${modeAdvantage(last, centers)}`);
  assert.ok(meanCosineToNearestMode(first, centers) < 0.2, `untrained arrows: mean cosine ${meanCosineToNearestMode(first, centers)}`);
  assert.ok(meanCosineToNearestMode(last, centers) > 0.3, `trained arrows point at the nearest mode: mean cosine ${meanCosineToNearestMode(last, centers)}`);
});

test('an image run writes no field.jsonl', async () => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({
    name: 'images-no-field', data: { kind: 'mnist', limit: 64 },
    model: { kind: 'mlp', latentSize: 4, generator: { hidden: [8] }, discriminator: { hidden: [8] } },
    training: { steps: 2, batchSize: 16 }, logging: { every: 1, histogramEvery: 1 }, samples: { every: 100 }, checkpoints: { every: 100 },
  }) });
  assert.equal(run.info.status, 'completed');
  assert.ok(fs.existsSync(path.join(run.runDir, 'histograms.jsonl')), 'the schedule that would write it ran');
  assert.ok(!fs.existsSync(path.join(run.runDir, 'field.jsonl')));
  assert.ok(!run.events.some((event) => event.type === 'field'));
  assert.deepEqual((await readRun(run.runDir)).fields, []);
});

/** G(z) = z and D(x, y) = x + 2y + 0.5, so scores and arrows have closed forms. */
function linearModels(): { generator: LayersModel; discriminator: LayersModel; latentSize: number } {
  const dense = (kernel: number[][], bias: number[]) => tf.sequential({ layers: [tf.layers.dense({
    units: bias.length, inputShape: [2], weights: [tf.tensor2d(kernel), tf.tensor1d(bias)],
  })] });
  return { generator: dense([[1, 0], [0, 1]], [0, 0]), discriminator: dense([[1], [2]], [0.5]), latentSize: 2 };
}

const pointsDataset: Dataset = {
  description: 'three points', kind: 'points', exampleShape: [2], count: 3, values: Float32Array.of(0.1, 0.2, -0.3, 0.4, 0.5, -0.6),
};

test('a field has the documented layout, arrow signs and score ranges, and leaves no tensor behind', async () => {
  await useTestBackend();
  const models = linearModels();
  const noise = Float32Array.of(0.25, -0.5, -0.75, 0.125, 0, 0);
  try {
    const critic = await assertNoLeakAsync(() => discriminatorField(7, 3, models, wassersteinObjective, pointsDataset, noise));
    const centres = cellCentres(planeBounds, FIELD_GRID_SIZE);
    const half = (planeBounds.xMax - planeBounds.xMin) / FIELD_GRID_SIZE / 2;
    assert.deepEqual([centres[0], centres[1]], [Math.fround(planeBounds.xMin + half), Math.fround(planeBounds.yMax - half)], 'cell 0 is the top-left corner');
    critic.scores.forEach((score, k) => {
      const expected = centres[2 * k]! + 2 * centres[2 * k + 1]! + 0.5;
      assert.ok(Math.abs(score - expected) < 1e-3, `cell ${k}: ${score} vs ${expected}`);
    });
    assert.deepEqual(critic.scoreRange, [Math.min(...critic.scores), Math.max(...critic.scores)], 'raw scores span what was seen');
    assert.deepEqual(critic.fake, [[0.25, -0.5], [-0.75, 0.125], [0, 0]]);
    // The latent-space view: G(z) = z, so G's image of the lattice is the lattice itself, ±2σ, row-major along z₁.
    const lattice = critic.latentGrid;
    assert.ok(lattice);
    assert.deepEqual([lattice.size, lattice.dims, lattice.range, lattice.points.length], [LATENT_GRID_SIZE, 2, 2, LATENT_GRID_SIZE ** 2]);
    const expected = (index: number) => Number((-2 + (4 * index) / (LATENT_GRID_SIZE - 1)).toPrecision(4));
    lattice.points.forEach(([x, y], k) => {
      assert.ok(Math.abs(x - expected(k % LATENT_GRID_SIZE)) < 1e-3 && Math.abs(y - expected(Math.floor(k / LATENT_GRID_SIZE))) < 1e-3, `lattice point ${k}: ${x}, ${y}`);
    });
    const narrow = await assertNoLeakAsync(() => discriminatorField(7, 3, { ...models, latent: { noiseStd: 0.25 } }, wassersteinObjective, pointsDataset, noise));
    assert.equal(narrow.latentGrid?.range, 0.5, 'the lattice spans ±2σ of the run\'s own z');
    assert.deepEqual(narrow.latentGrid?.points[0], [-0.5, -0.5]);
    // G's loss −mean(D) falls fastest along +∇D = (1, 2), spread over the 3 samples of the mean.
    for (const arrow of critic.arrows) assert.deepEqual(arrow, [0.3333, 0.6667]);
    assert.equal(critic.real.length, 3);
    assert.deepEqual([...critic.real].sort(), [[-0.3, 0.4], [0.1, 0.2], [0.5, -0.6]]);

    const logistic = await assertNoLeakAsync(() => discriminatorField(7, 3, models, nonSaturatingObjective, pointsDataset, noise));
    assert.deepEqual(logistic.scoreRange, [0, 1]);
    const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
    logistic.fake.forEach(([x, y], k) => {
      // softplus(−l) has gradient −σ(−l)·∇l; the arrow is its negation, over the batch of 3.
      const scale = sigmoid(-(x + 2 * y + 0.5)) / 3;
      const [ax, ay] = logistic.arrows[k]!;
      assert.ok(Math.abs(ax - scale) < 1e-3 && Math.abs(ay - 2 * scale) < 1e-3, `arrow ${k}: ${ax}, ${ay}`);
    });
    assert.ok(Math.abs(scoreAt(logistic, [0.9, 0.9]) - sigmoid(0.9 + 1.8 + 0.5)) < 0.05, 'row 0 is the top');
  } finally {
    models.generator.dispose();
    models.discriminator.dispose();
  }
});

test('computing a field for a ring model keeps the tensor count', async () => {
  await useTestBackend();
  const { config } = resolvedConfig(ring);
  const dataset = await loadDataset(config.data, { baseDir: '.', seed: config.seed });
  const models = buildModels(config.model, dataset, config.seed);
  const noise = new Float32Array(512 * models.latentSize).fill(0.5);
  try {
    const field = await assertNoLeakAsync(() => discriminatorField(0, config.seed, models, nonSaturatingObjective, dataset, noise));
    assert.equal(field.fake.length, FIELD_POINTS, 'at most FIELD_POINTS of the fixed noise');
  } finally {
    models.dispose();
  }
});

test('resuming drops field lines past the checkpoint', async () => {
  await useTestBackend();
  const runsDir = tempDir();
  const short: GanConfigInput = {
    ...ring, data: { kind: 'ring', count: 400 },
    model: { kind: 'mlp', latentSize: 4, generator: { hidden: [8] }, discriminator: { hidden: [8] } },
    training: { steps: 30, batchSize: 16 }, logging: { every: 10, histogramEvery: 10 }, checkpoints: { every: 20, keepLast: 5 },
  };
  const run = await train({ runsDir, config: resolvedConfig(short) });
  // Lose the step-30 checkpoint: the resumed run goes back to step 20 and logs step 30 again.
  fs.rmSync(path.join(run.runDir, 'checkpoints', 'step-30'), { recursive: true });
  const session = await TrainingSession.create({ runsDir, resumeDir: run.runDir, steps: 40 });
  session.dispose();
  assert.deepEqual((await readRun(run.runDir)).fields.map((f) => f.step), [0, 10, 20]);
  const resumed = await train({ runsDir, resumeDir: run.runDir, steps: 40 });
  assert.equal(resumed.info.status, 'completed');
  assert.deepEqual((await readRun(run.runDir)).fields.map((f) => f.step), [0, 10, 20, 30, 40]);
});
