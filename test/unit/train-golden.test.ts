import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GanConfigInput } from '../../src/core/config/schema';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { resolvedConfig, tempDir, train } from './support/training';

// Refactors of the engine (the families engine above all) must train the same numbers: each
// config below covers a set of the GAN family's options, trains a few steps on the cpu backend
// (pure JS, one thread: the same arithmetic on every machine) and is held to the metrics recorded
// in test/fixtures/golden-metrics.json. GOLDEN_UPDATE=1 records them again: only for a change that
// means to alter training, said so in its commit.

const GOLDEN = path.join(__dirname, '..', 'fixtures', 'golden-metrics.json');
const FIELDS = ['dLoss', 'gLoss', 'dLossReal', 'dLossFake', 'gradientPenalty', 'r1Penalty', 'infoLoss', 'dReal', 'dFake', 'gradNormD', 'gradNormG'] as const;
const STEPS = 4;

const common = { seed: 7, training: { steps: STEPS, batchSize: 16 }, logging: { every: 1, histogramEvery: 1000 }, samples: { every: 1000 }, checkpoints: { every: 1000 } };
const cases: Record<string, GanConfigInput> = {
  'ring, non-saturating, label smoothing, annealed instance noise, generator average': {
    ...common, name: 'golden-ring', data: { kind: 'ring', count: 256 },
    model: { kind: 'mlp', latentSize: 4, generator: { hidden: [16, 16], batchNorm: true }, discriminator: { hidden: [16, 16] } },
    objective: { kind: 'non-saturating' }, regularizers: { labelSmoothing: 0.1, instanceNoise: { sigma: 0.2, annealSteps: 3 } },
    training: { ...common.training, generatorEma: { decay: 0.9 } },
  },
  'grid, WGAN-GP with 2 critic steps, RMSprop and SGD': {
    ...common, name: 'golden-wgan', data: { kind: 'grid', count: 256 },
    model: { kind: 'mlp', latentSize: 2, generator: { hidden: [16] }, discriminator: { hidden: [16] } },
    objective: { kind: 'wasserstein' }, regularizers: { gradientPenalty: { weight: 10 } },
    training: { ...common.training, dSteps: 2, generatorOptimizer: { kind: 'rmsprop', learningRate: 1e-3 }, discriminatorOptimizer: { kind: 'sgd', learningRate: 1e-2, momentum: 0.5 } },
  },
  'digits, conditional MLP (projection, mismatched labels), hinge, R1, minibatch discrimination': {
    ...common, name: 'golden-cgan', data: { kind: 'mnist', limit: 64 },
    model: {
      kind: 'mlp', latentSize: 8, conditional: { embeddingSize: 4 },
      generator: { hidden: [32] }, discriminator: { hidden: [32], minibatchDiscrimination: { kernels: 4, dims: 3 } },
    },
    objective: { kind: 'hinge' }, regularizers: { r1: { gamma: 1 } },
  },
  'digits, DCGAN InfoGAN (categorical and continuous codes), least squares, augmentation': {
    ...common, name: 'golden-infogan', data: { kind: 'mnist', limit: 64 },
    model: {
      kind: 'dcgan', latentSize: 8, latentStd: 0.5, generator: { channels: 4 }, discriminator: { channels: 4 },
      infogan: { categorical: [10], continuous: [{}], headHidden: 8 },
    },
    objective: { kind: 'least-squares' }, regularizers: { augmentation: { rotation: 10, translation: 2, scale: 0.1, thickness: 0.5 } },
  },
};

type Golden = Record<string, Record<string, number>[]>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

async function metricsOf(input: GanConfigInput): Promise<Record<string, number>[]> {
  const run = await train({ runsDir: tempDir(), config: resolvedConfig(input), backend: 'cpu' });
  assert.equal(run.info.status, 'completed');
  const lines = await readJsonLines(path.join(run.runDir, 'metrics.jsonl'), isObject);
  return lines.filter((line) => line['type'] === undefined).map((line) =>
    Object.fromEntries(FIELDS.filter((field) => typeof line[field] === 'number').map((field) => [field, line[field] as number])));
}

test('the GAN family trains the recorded numbers on the cpu backend, option by option', async () => {
  const golden: Golden = fs.existsSync(GOLDEN) ? JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as Golden : {};
  const measured: Golden = {};
  for (const [name, input] of Object.entries(cases)) measured[name] = await metricsOf(input);
  if (process.env['GOLDEN_UPDATE'] === '1') {
    fs.writeFileSync(GOLDEN, JSON.stringify(measured, null, 1) + '\n');
    return;
  }
  for (const [name, steps] of Object.entries(measured)) {
    const expected = golden[name];
    assert.ok(expected, `no recorded metrics for "${name}": run with GOLDEN_UPDATE=1`);
    assert.equal(steps.length, STEPS, name);
    steps.forEach((values, index) => {
      const recorded = expected[index]!;
      assert.deepEqual(Object.keys(values).sort(), Object.keys(recorded).sort(), `${name}, step ${index + 1}: the same quantities`);
      for (const [field, value] of Object.entries(values)) {
        // The cpu backend is deterministic; the tolerance only absorbs a change of summation order.
        const want = recorded[field]!;
        assert.ok(Math.abs(value - want) <= 1e-5 * Math.max(1, Math.abs(want)), `${name}, step ${index + 1}, ${field}: ${value}, recorded ${want}`);
      }
    });
  }
});
