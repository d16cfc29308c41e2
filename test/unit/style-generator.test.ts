import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import type { GanConfigInput } from '../../src/core/config/schema';
import { r1ScaleAt } from '../../src/core/objectives/r1';
import { readRun } from '../../src/core/run/runReader';
import { useTestBackend } from './support/backend';
import { cli } from './support/cli';
import { refusedFields } from './support/configIssues';
import { fileHandler } from './support/layersModel';
import { resolvedConfig, tempDir, train, wholeAndResumed } from './support/training';

const tiny: GanConfigInput = {
  name: 'style-tiny', seed: 7,
  data: { kind: 'mnist', limit: 400 },
  model: { kind: 'style', latentSize: 8, mapping: { layers: 2, units: 8 }, generator: { channels: 2 }, discriminator: { channels: 4 } },
  regularizers: { r1: { gamma: 1 } },
  training: { steps: 8, batchSize: 8 },
  logging: { every: 2 }, samples: { every: 4, count: 4 }, checkpoints: { every: 1000 },
};

/** A plain TF.js script: core, layers and the CPU backend, the exported layers registered by one require, the model loaded from its files. */
const plainScript = `
const fs = require('node:fs');
const path = require('node:path');
const tf = Object.assign({}, require('@tensorflow/tfjs-core'), require('@tensorflow/tfjs-layers'));
require('@tensorflow/tfjs-backend-cpu');
const [dir, inputsFile] = process.argv.slice(2);
require(path.join(dir, 'gan-studio-layers.js')).registerStyleLayers(tf);
(async () => {
  await tf.setBackend('cpu');
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  const bytes = fs.readFileSync(path.join(dir, 'weights.bin'));
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights,
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }));
  const inputs = JSON.parse(fs.readFileSync(inputsFile, 'utf8')).map(({ values, shape }) => tf.tensor(values, shape));
  process.stdout.write(JSON.stringify(Array.from(await model.predict(inputs).data())));
})();
`;

test('a style GAN trains and resumes exactly, holds its tensor count, and its export loads in a plain TF.js script after one require', async () => {
  await useTestBackend();
  const config = resolvedConfig(tiny);
  const { whole, split } = await wholeAndResumed(tempDir(), config, 4);
  const [expected, actual] = await Promise.all([readRun(whole.runDir), readRun(split.runDir)]);
  assert.equal(actual.metrics.length, expected.metrics.length);
  actual.metrics.forEach((record, i) => {
    for (const key of ['dLoss', 'gLoss', 'r1Penalty', 'gradNormG']) assert.equal(record[key], expected.metrics[i]![key], `step ${record.step} ${key}`);
  });
  assert.deepEqual(expected.info.views?.map((view) => view.name), ['style-mixing', 'truncation', 'noise']);
  for (const view of ['style-mixing', 'truncation', 'noise']) assert.ok(fs.existsSync(path.join(whole.runDir, 'samples', view, 'step-8.png')), view);
  const counts: number[] = [];
  await train({ runsDir: tempDir(), config }, (event) => {
    if (event.type === 'progress') counts.push(tf.memory().numTensors);
  });
  assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts per step: ${counts.join(', ')}`);

  const out = path.join(tempDir(), 'export');
  const exported = await cli('export', whole.runDir, '--out', out);
  assert.equal(exported.code, 0, exported.all());
  const info = JSON.parse(fs.readFileSync(path.join(out, 'gan-studio.json'), 'utf8')) as {
    customLayers?: { file: string; load: string }; inputs: { name: string; shape: (number | null)[] }[];
  };
  assert.equal(info.customLayers?.file, 'gan-studio-layers.js');
  assert.match(info.customLayers?.load ?? '', /registerStyleLayers\(tf\)/);
  const draws = 49 + 2 * 196 + 2 * 784 + 2;
  assert.deepEqual(info.inputs.map((input) => [input.name, input.shape]), [['z', [null, 8]], ['synthesis_draws', [null, draws]]]);

  // The same inputs through the model loaded here and in a separate plain script give the same images.
  const z = Array.from({ length: 2 * 8 }, (_, i) => Math.sin(i));
  const noise = Array.from({ length: 2 * draws }, (_, i) => Math.cos(i * 1.7));
  const inputsFile = path.join(tempDir(), 'inputs.json');
  fs.writeFileSync(inputsFile, JSON.stringify([{ values: z, shape: [2, 8] }, { values: noise, shape: [2, draws] }]));
  const script = path.join(tempDir(), 'load.cjs');
  fs.writeFileSync(script, plainScript);
  const plain = JSON.parse(execFileSync(process.execPath, [script, out, inputsFile], {
    encoding: 'utf8', env: { ...process.env, NODE_PATH: path.resolve('node_modules') },
  })) as number[];
  const loaded = await tf.loadLayersModel(fileHandler(out));
  const here = tf.tidy(() => loaded.predict([tf.tensor2d(z, [2, 8]), tf.tensor2d(noise, [2, draws])]) as Tensor);
  const values = Array.from(await here.data());
  assert.equal(plain.length, 2 * 28 * 28);
  assert.ok(values.every((value, i) => Math.abs(value - plain[i]!) < 1e-5), 'the plain script\'s images are the run\'s');
  assert.ok(new Set(values.map((value) => value.toFixed(3))).size > 50, 'a varied image, not a constant');
  here.dispose();
  loaded.dispose();
});

test('lazy R1: the penalty is computed on every k-th D step only, and D\'s loss takes it multiplied by k', async () => {
  await useTestBackend();
  assert.deepEqual([0, 1, 3, 4, 8].map((step) => r1ScaleAt(4, step)), [4, undefined, undefined, 4, 4]);
  assert.equal(r1ScaleAt(undefined, 7), 1);
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({ ...tiny, regularizers: { r1: { gamma: 1, every: 4 } }, logging: { every: 1 } }) });
  const lines = (await readRun(run.runDir)).metrics;
  // Line n is written after step n, whose D update ran at step index n − 1.
  assert.deepEqual(lines.filter((line) => line['r1Penalty'] !== undefined).map((line) => line.step), [1, 5]);
  for (const line of lines) {
    const value = (key: string) => Number(line[key] ?? 0);
    const expected = value('dLossReal') + value('dLossFake') + 4 * value('r1Penalty');
    assert.ok(Math.abs(value('dLoss') - expected) < 1e-5 * Math.max(1, Math.abs(expected)), `step ${line.step}: ${JSON.stringify(line)}`);
  }
});

test('the reconstructing families refuse a style generator, naming why', () => {
  for (const family of ['bigan', 'vae']) {
    const issues = refusedFields(JSON.stringify({ ...tiny, family: { kind: family }, regularizers: {} }));
    assert.match(issues.get('model.kind') ?? '', /per-pixel noise and mixes styles/, JSON.stringify([...issues]));
  }
});
