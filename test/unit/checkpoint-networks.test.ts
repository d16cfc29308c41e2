import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import { mlpModel } from '../../src/core/config/modelSchema';
import { isUserError } from '../../src/core/errors';
import { buildModels } from '../../src/core/models';
import { loadCheckpoint, saveCheckpoint } from '../../src/core/train/checkpoint';
import { useTestBackend } from './support/backend';
import { tempDir } from './support/training';

before(useTestBackend);

const points = { kind: 'points' as const, exampleShape: [2] };
const state = { step: 3, elapsedSeconds: 1, random: [1, 2, 3, 4], sampler: { epoch: 0, cursor: 0 } };
const models = (hidden: number[], seed = 1) => buildModels(mlpModel.parse({ kind: 'mlp', latentSize: 2, generator: { hidden }, discriminator: { hidden } }), points, seed);

test('a checkpoint holds networks and optimizers by name, each network with its topology, and restores them', async () => {
  const saved = models([8]);
  const restored = models([8], 2);
  const optimizer = tf.train.adam();
  const dir = await saveCheckpoint(tempDir(), { networks: { generator: saved.generator, critic: saved.discriminator }, optimizers: { criticOptimizer: optimizer } }, state, 1);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['critic.bin', 'criticOptimizer.bin', 'generator.bin', 'manifest.json', 'state.json']);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { topology: Record<string, string> };
  assert.deepEqual(Object.keys(manifest.topology).sort(), ['critic', 'generator']);
  assert.deepEqual(await loadCheckpoint(dir, { networks: { critic: restored.discriminator } }), state);
  const input = tf.tensor2d([[0.5, -0.5]]);
  const [expected, actual] = [saved, restored].map((m) => Array.from((m.discriminator.predict(input) as Tensor).dataSync()));
  assert.deepEqual(actual, expected);
  tf.dispose(input);
  [saved, restored].forEach((m) => m.dispose());
  optimizer.dispose();
});

test('a network built with other layers than the one saved is refused by name, before any weight moves', async () => {
  const saved = models([8]);
  const other = models([8, 8]);
  const dir = await saveCheckpoint(tempDir(), { networks: { generator: saved.generator }, optimizers: {} }, state, 1);
  const before = other.generator.getWeights().map((weight) => Array.from(weight.dataSync()));
  await assert.rejects(loadCheckpoint(dir, { networks: { generator: other.generator } }), (error: unknown) =>
    isUserError(error) && /checkpoint's generator has other layers than the generator this version builds/.test((error as Error).message));
  assert.deepEqual(other.generator.getWeights().map((weight) => Array.from(weight.dataSync())), before);
  [saved, other].forEach((m) => m.dispose());
});
