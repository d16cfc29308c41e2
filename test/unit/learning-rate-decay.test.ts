import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/core/backend/tf';
import { learningRateDecaySchema, optimizerSchema } from '../../src/core/config/trainingSchema';
import type { GanConfigInput } from '../../src/core/config/schema';
import { learningRateScale, scaleLearningRate } from '../../src/core/optim/learningRateDecay';
import { createOptimizer } from '../../src/core/optim/optimizers';
import { readRun } from '../../src/core/run/runReader';
import { useTestBackend } from './support/backend';
import { gameLines, resolvedConfig, tempDir, wholeAndResumed } from './support/training';

before(useTestBackend);

test('the decay holds the rates until its start, then falls linearly to its final share at the last step', () => {
  const half = learningRateDecaySchema.parse({});
  assert.deepEqual([0, 49].map((step) => learningRateScale(half, step, 100)), [1, 1]);
  assert.ok(Math.abs(learningRateScale(half, 50, 100) - 0.98) < 1e-12);
  assert.ok(Math.abs(learningRateScale(half, 74, 100) - 0.5) < 1e-12);
  assert.equal(learningRateScale(half, 99, 100), 0);
  const gentle = learningRateDecaySchema.parse({ start: 0, final: 0.1 });
  assert.ok(Math.abs(learningRateScale(gentle, 9, 10) - 0.1) < 1e-12);
  assert.equal(learningRateScale(undefined, 99, 100), 1);
  assert.equal(learningRateDecaySchema.safeParse({ start: 1 }).success, false);
});

test('every optimizer kind steps at the scaled rate', () => {
  for (const kind of ['adam', 'sgd', 'rmsprop'] as const) {
    for (const momentum of kind === 'sgd' ? [0, 0.5] : [0]) {
      const optimizer = createOptimizer(optimizerSchema.parse({ kind, learningRate: 0.1, ...(kind === 'sgd' ? { momentum } : {}) }));
      const weight = tf.variable(tf.tensor1d([1, -1]));
      const step = () => {
        const before = weight.dataSync()[0]!;
        optimizer.minimize(() => tf.sum(tf.mul(weight, tf.tensor1d([1, 1]))), false, [weight]);
        return before - weight.dataSync()[0]!;
      };
      const full = step();
      scaleLearningRate(optimizer, 0.25);
      // TF.js's momentum steps by rate × (m · accumulated + gradient): with a constant gradient, (1 + m) times the first step's.
      const quarter = step();
      const expected = kind === 'rmsprop' ? undefined : full * 0.25 * (1 + momentum);
      if (expected !== undefined) assert.ok(Math.abs(quarter - expected) < 1e-5, `${kind} ${momentum}: ${quarter} vs ${expected}`);
      else assert.ok(quarter < 0.5 * full && quarter > 0, `${kind}: ${quarter} after ${full}`);
      scaleLearningRate(optimizer, 1);
      optimizer.dispose();
      weight.dispose();
    }
  }
});

const decaying: GanConfigInput = {
  name: 'decay', seed: 5,
  data: { kind: 'grid', size: 3, count: 600 },
  model: { kind: 'mlp', latentSize: 4, generator: { hidden: [24] }, discriminator: { hidden: [24] } },
  training: { steps: 80, batchSize: 32, learningRateDecay: { start: 0.25 } },
  logging: { every: 5, histogramEvery: 40 }, samples: { every: 1000 }, checkpoints: { every: 1000 },
};

test('a decaying run resumes exactly: the rate is a function of the step', async () => {
  const { whole, split } = await wholeAndResumed(tempDir(), resolvedConfig(decaying), 50);
  const [expected, actual] = await Promise.all([readRun(whole.runDir), readRun(split.runDir)]);
  const [a, b] = [gameLines(actual.metrics), gameLines(expected.metrics)];
  assert.equal(a.length, 16);
  a.forEach((record, i) => {
    for (const key of ['dLoss', 'gLoss', 'gradNormG'] as const) {
      assert.ok(Math.abs(record[key]! - b[i]![key]!) <= 1e-4 * Math.max(1, Math.abs(b[i]![key]!)), `step ${record.step} ${key}`);
    }
  });
});
