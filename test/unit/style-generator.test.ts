import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import type { GanConfigInput } from '../../src/core/config/schema';
import { r1ScaleAt } from '../../src/core/objectives/r1';
import { isEvaluationRecord, type EvaluationRecord } from '../../src/core/run/evaluationRecords';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { readRun } from '../../src/core/run/runReader';
import { useTestBackend } from './support/backend';
import { cli } from './support/cli';
import { refusedFields } from './support/configIssues';
import { fileHandler } from './support/layersModel';
import { resolvedConfig, shortenedExample, tempDir, train, wholeAndResumed } from './support/training';

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

  // Truncated sampling: ψ = 0 draws the average w's one image for every z (noise aside), ψ = 1 the samples themselves.
  const sampled = async (psi: string) => {
    const file = path.join(tempDir(), `psi-${psi}.json`);
    const result = await cli('sample', whole.runDir, '--out', file, '--count', '6', '--seed', '3', '--truncation', psi);
    assert.equal(result.code, 0, result.all());
    assert.match(result.all(), new RegExp(`truncation ψ ${psi}`));
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { samples: number[][] }).samples;
  };
  const spread = (samples: number[][]) => samples[0]!.reduce((sum, _, k) => sum + Math.abs(samples[0]![k]! - samples[1]![k]!), 0);
  const [full, none] = [await sampled('1'), await sampled('0')];
  assert.ok(spread(none) < 0.5 * spread(full), `ψ 0 differences ${spread(none)} against ψ 1's ${spread(full)}`);
  const refused = await cli('sample', whole.runDir, '--out', path.join(tempDir(), 'x.png'), '--truncation', '1.5');
  assert.equal(refused.code, 2, refused.all());
  assert.match(refused.all(), /--truncation must be a number between 0 and 1, found '1.5'/);

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

test('the style recipe, shortened: FID falls far and recall rises from nothing; the style figures are measured', async () => {
  await useTestBackend();
  const loaded = await shortenedExample('examples/mnist-style.gan.yaml', 400);
  const run = await train({ runsDir: tempDir(), config: { ...loaded, config: { ...loaded.config, evaluation: { every: 400, samples: 1000 } } } });
  assert.equal(run.info.status, 'completed');
  const evaluations = await readJsonLines(path.join(run.runDir, 'metrics.jsonl'), isEvaluationRecord);
  assert.deepEqual(evaluations.map((record) => record.step), [0, 400]);
  const [first, last] = evaluations as [EvaluationRecord, EvaluationRecord];
  const figure = (record: EvaluationRecord, name: string) => record.figures?.find((candidate) => candidate.name === name)?.value ?? Number.NaN;
  const summary = JSON.stringify([first, last].map((record) => ({ fid: record.fid?.value, figures: record.figures?.map(({ name, value }) => [name, value]) })));
  assert.ok(last.fid!.value < 0.6 * first.fid!.value, summary);
  assert.ok(figure(first, 'recall') < 0.01 && figure(last, 'recall') > 0.03, summary);
  // The mixing shares and path lengths mean something for a trained generator (the README's figures, from
  // `npm run quality -- --only style`); here, that every evaluation measures them.
  for (const record of [first, last]) {
    for (const name of ['styleMixingCoarse', 'styleMixingFine']) assert.ok(figure(record, name) >= 0 && figure(record, name) <= 1, `${name}: ${summary}`);
    for (const name of ['pathLengthW', 'pathLengthZ']) assert.ok(figure(record, name) > 0 && Number.isFinite(figure(record, name)), `${name}: ${summary}`);
  }
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
