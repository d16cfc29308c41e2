import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from '../../src/core/backend/tf';
import type { GanConfigInput } from '../../src/core/config/schema';
import { readRun } from '../../src/core/run/runReader';
import { useTestBackend } from './support/backend';
import { resolvedConfig, tempDir, train, wholeAndResumed } from './support/training';

// Tiny translators on 600 digits split into unpaired halves: fast enough to train twice for the
// resume check, with a pool that fills within two steps and then swaps.
const tiny: GanConfigInput = {
  name: 'cycle-tiny', seed: 5,
  family: { kind: 'cyclegan', generator: { channels: 4, blocks: 1 }, discriminator: { channels: 4, layers: 1 }, poolSize: 12, identityWeight: 0.5 },
  data: { kind: 'domains', a: { kind: 'mnist', limit: 600 }, b: { kind: 'mnist', limit: 600, transforms: [{ kind: 'invert' }] } },
  objective: { kind: 'least-squares' },
  training: { steps: 16, batchSize: 8, dSteps: 2 },
  logging: { every: 2, histogramEvery: 8 }, samples: { every: 8, count: 18 }, checkpoints: { every: 1000 },
};

test('CycleGAN resumes exactly, its pools of generated images included, and holds its tensor count', async () => {
  await useTestBackend();
  const config = resolvedConfig(tiny);
  const { whole, split } = await wholeAndResumed(tempDir(), config, 8);
  const [expected, actual] = await Promise.all([readRun(whole.runDir), readRun(split.runDir)]);
  assert.equal(actual.metrics.length, 16 / 2);
  actual.metrics.forEach((record, i) => {
    for (const key of ['dLoss', 'gLoss', 'dLossA', 'dLossB', 'cycleA', 'cycleB', 'identity', 'adversarialAB', 'gradNormD']) {
      assert.equal(typeof record[key], 'number', `${key} is logged`);
      assert.equal(record[key], expected.metrics[i]![key], `step ${record.step} ${key}`);
    }
  });
  const checkpoint = fs.readdirSync(path.join(whole.runDir, 'checkpoints', 'step-16')).filter((name) => name.endsWith('.bin')).sort();
  assert.deepEqual(checkpoint, ['discriminatorA.bin', 'discriminatorB.bin', 'discriminatorOptimizer.bin', 'generatorAB.bin', 'generatorBA.bin', 'generatorOptimizer.bin', 'poolA.bin', 'poolB.bin']);

  const counts: number[] = [];
  await train({ runsDir: tempDir(), config }, (event) => {
    if (event.type === 'progress') counts.push(tf.memory().numTensors);
  });
  assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts per step: ${counts.join(', ')}`);
});
