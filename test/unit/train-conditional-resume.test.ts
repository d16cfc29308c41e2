import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../src/core/backend/tf';
import type { GanConfigInput } from '../../src/core/config/schema';
import { generatorInputs, latentBatch } from '../../src/core/models/latent';
import { readRun } from '../../src/core/run/runReader';
import type { GameRecord } from '../../src/core/run/records';
import { EXPORT_FILES, exportGenerator } from '../../src/core/train/exportGenerator';
import { drawLatents } from '../../src/core/models/latentDraws';
import { restoreGenerator } from '../../src/core/train/restore';
import { Random } from '../../src/core/util/random';
import { useTestBackend } from './support/backend';
import { gameLines, resolvedConfig, tempDir, train } from './support/training';

const schedule = {
  training: { steps: 40, batchSize: 16, dSteps: 2, generatorOptimizer: { kind: 'adam', learningRate: 0.001 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.001 } },
  logging: { every: 4, histogramEvery: 10 }, samples: { every: 1000, count: 12 }, checkpoints: { every: 1000 },
} as const;

// Every piece of state a resume must bring back: the label embedding and projection of a
// conditional model; the Q head, and its share of the discriminator optimizer's Adam moments, of an
// InfoGAN; batch-norm statistics, minibatch discrimination's T, the seeded draws of labels, codes and
// augmentation warps.
const variants: Record<string, GanConfigInput> = {
  conditional: {
    name: 'cgan-resume', seed: 7, data: { kind: 'ring', modes: 4, count: 400 },
    model: { kind: 'mlp', latentSize: 3, generator: { hidden: [16], batchNorm: true }, discriminator: { hidden: [16], minibatchDiscrimination: { kernels: 3, dims: 2 } }, conditional: {} },
    ...schedule,
  },
  infogan: {
    name: 'infogan-resume', seed: 8, data: { kind: 'mnist', digits: [1, 7], limit: 300 },
    model: { kind: 'mlp', latentSize: 3, latentStd: 0.5, generator: { hidden: [16], batchNorm: true }, discriminator: { hidden: [16] }, infogan: { categorical: [2], continuous: [{}, { min: 0, max: 2 }], headHidden: 8 } },
    regularizers: { instanceNoise: { sigma: 0.1, annealSteps: 30 }, augmentation: { rotation: 15, translation: 2, scale: 0.1, thickness: 0.5 } },
    ...schedule,
  },
};

const compared = ['dLoss', 'gLoss', 'dLossReal', 'dLossFake', 'dReal', 'dFake', 'gradNormD', 'gradNormG', 'infoLoss'] as const;

function assertSameMetrics(actual: readonly GameRecord[], expected: readonly GameRecord[]): void {
  assert.deepEqual(actual.map((m) => m.step), expected.map((m) => m.step));
  actual.forEach((record, i) => {
    for (const key of compared) {
      const [a, b] = [record[key], expected[i]![key]];
      if (b === undefined) { assert.equal(a, undefined, key); continue; }
      assert.ok(a !== undefined && Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b)), `step ${record.step} ${key}: ${a} vs ${b}`);
    }
  });
}

for (const [name, input] of Object.entries(variants)) {
  test(`${name}: train 40 steps = train 20, stop, resume, train 20 (same metrics)`, async () => {
    await useTestBackend();
    const runsDir = tempDir();
    const whole = await train({ runsDir, config: resolvedConfig(input) });
    const split = await train({ runsDir, config: resolvedConfig(input) }, (event, session) => {
      if (event.type === 'progress' && event.step === 20) session.stop();
    });
    assert.equal(split.info.step, 20);
    const resumed = await train({ runsDir, resumeDir: split.runDir });
    assert.equal(resumed.info.status, 'completed');
    const [expected, actual] = await Promise.all([readRun(whole.runDir), readRun(split.runDir)]);
    assert.equal(actual.metrics.length, 10);
    if (name === 'infogan') assert.ok(actual.metrics.every((m) => m.infoLoss !== undefined), 'infoLoss on every line');
    assertSameMetrics(gameLines(actual.metrics), gameLines(expected.metrics));
  });
}

/** Reads an exported model.json + weights.bin back into a LayersModel. */
async function loadExported(dir: string): Promise<LayersModel> {
  const model = JSON.parse(fs.readFileSync(path.join(dir, EXPORT_FILES.model), 'utf8')) as {
    modelTopology: object; weightsManifest: { weights: [] }[];
  };
  const weights = fs.readFileSync(path.join(dir, EXPORT_FILES.weights));
  return tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: model.modelTopology, weightSpecs: model.weightsManifest[0]!.weights,
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  }));
}

test('export: a conditional or InfoGAN generator loads with its inputs described in gan-studio.json', async () => {
  await useTestBackend();
  const expectedInputs = {
    conditional: [
      { name: 'z', shape: [null, 3], distribution: 'standard normal', mean: 0, std: 1 },
      { name: 'label', shape: [null, 4], encoding: 'one-hot', classNames: ['mode 0', 'mode 1', 'mode 2', 'mode 3'] },
    ],
    infogan: [
      { name: 'z', shape: [null, 3], distribution: 'normal', mean: 0, std: 0.5 },
      { name: 'codes', shape: [null, 4], parts: [
        { kind: 'categorical', columns: [0, 2], categories: 2, encoding: 'one-hot', distribution: 'uniform' },
        { kind: 'continuous', columns: [2, 3], range: [-1, 1], distribution: 'uniform' },
        { kind: 'continuous', columns: [3, 4], range: [0, 2], distribution: 'uniform' },
      ] },
    ],
  };
  for (const [name, input] of Object.entries(variants)) {
    const run = await train({ runsDir: tempDir(), config: resolvedConfig(input), steps: 6 });
    const outDir = path.join(tempDir(), 'exported');
    const restored = await restoreGenerator(run.runDir);
    await exportGenerator(restored, outDir);
    const info = JSON.parse(fs.readFileSync(path.join(outDir, EXPORT_FILES.info), 'utf8')) as { input: object; inputs: object[] };
    assert.deepEqual(info.inputs, expectedInputs[name as keyof typeof expectedInputs]);
    assert.deepEqual(info.input, info.inputs[0], 'input is the noise, as for an unconditional generator');

    const loaded = await loadExported(outDir);
    const latents = drawLatents(new Random(3), restored.latent, 8, [0, 1, 0, 1, 1, 0, 1, 0]);
    const [fromExport, fromRun] = tf.tidy(() => {
      const inputs = generatorInputs(latentBatch(latents));
      return [(loaded.predict(inputs) as Tensor).dataSync(), (restored.generator.predict(inputs) as Tensor).dataSync()];
    });
    assert.deepEqual(Array.from(fromExport!), Array.from(fromRun!), name);
    loaded.dispose();
    restored.dispose();
  }
});
