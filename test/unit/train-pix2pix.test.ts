import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import type { GanConfigInput } from '../../src/core/config/schema';
import { loadDataset } from '../../src/core/data/load';
import { gather } from '../../src/core/data/sampler';
import { loadDigitClassifier } from '../../src/core/eval/digitClassifier';
import { decodePng, encodePng } from '../../src/core/render/png';
import type { FamilyFigure } from '../../src/core/run/evaluationRecords';
import { readRun, readStoredConfig } from '../../src/core/run/runReader';
import { evaluateRun } from '../../src/core/train/evaluateRun';
import { useTestBackend } from './support/backend';
import { cli } from './support/cli';
import { idxBytes } from './support/hostileData';
import { fileHandler } from './support/layersModel';
import { resolvedConfig, tempDir, train, wholeAndResumed } from './support/training';

// Sobel edges → digit on paired halves of 2,000 digits: the U-Net learns to fill strokes in fast.
const edges: GanConfigInput = {
  name: 'p2p-edges', seed: 2,
  family: { kind: 'pix2pix' },
  data: { kind: 'domains', paired: true, a: { kind: 'mnist', limit: 2000, transforms: [{ kind: 'edges' }] }, b: { kind: 'mnist', limit: 2000 } },
  training: {
    steps: 150, batchSize: 16,
    generatorOptimizer: { kind: 'adam', learningRate: 2e-4, beta1: 0.5 }, discriminatorOptimizer: { kind: 'adam', learningRate: 2e-4, beta1: 0.5 },
  },
  logging: { every: 10, histogramEvery: 150 }, samples: { every: 150, count: 18 }, checkpoints: { every: 150 }, evaluation: { samples: 400 },
};

const figure = (figures: readonly FamilyFigure[], name: string) => {
  const found = figures.find((candidate) => candidate.name === name);
  assert.ok(found, `no ${name} among ${figures.map((candidate) => candidate.name).join(', ')}`);
  return found.value;
};

test('pix2pix learns edges → digit: held-out outputs keep their digit and come closer to the truth than the untrained U-Net', async () => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: resolvedConfig(edges) });
  assert.equal(run.info.status, 'completed');
  const record = await evaluateRun({ runDir: run.runDir, record: true });
  const figures = record.figures ?? [];
  const [accuracy, untrainedAccuracy] = [figure(figures, 'outputAccuracy'), figure(figures, 'outputAccuracyUntrained')];
  const [l1, untrainedL1] = [figure(figures, 'heldOutL1'), figure(figures, 'heldOutL1Untrained')];
  assert.ok(accuracy > 0.7 && untrainedAccuracy < 0.3, `outputs read as their digit: ${accuracy} (untrained ${untrainedAccuracy})`);
  assert.ok(l1 < 0.6 * untrainedL1, `held-out L1 ${l1} (untrained ${untrainedL1})`);
  // b is the plain digits, so the evaluation measures FID of the outputs too, with its floor.
  assert.ok(record.fid && record.fid.value > record.fid.floor, `FID ${JSON.stringify(record.fid)}`);

  const read = await readRun(run.runDir);
  assert.deepEqual(read.info.catalogue?.headline, ['dLoss', 'gLoss']);
  assert.deepEqual(read.info.views?.map((view) => view.name), ['pairs']);
  assert.ok(fs.existsSync(path.join(run.runDir, 'samples', 'pairs', 'step-150.png')));
  assert.ok(read.metrics.every((line) => typeof line['l1'] === 'number' && typeof line['adversarial'] === 'number'));
  assert.deepEqual(read.info.networks, ['generatorAB', 'discriminator']);

  // Translate from the CLI: held-out edge maps as PNG files and as an IDX file; the classifier reads the outputs.
  const { config } = await readStoredConfig(run.runDir);
  const data = await loadDataset(config.data, { baseDir: '.', seed: config.seed });
  const heldOut = data.translation!.heldOut;
  const indices = Array.from({ length: 40 }, (_, i) => i);
  const inputs = gather(heldOut.source, indices);
  const folder = path.join(tempDir(), 'edges');
  fs.mkdirSync(path.join(folder, 'more'), { recursive: true });
  const bytes = Uint8Array.from(inputs, (v) => Math.round((v + 1) * 127.5));
  indices.forEach((i) => {
    const rgba = new Uint8Array(28 * 28 * 4);
    for (let p = 0; p < 784; p++) rgba.set([bytes[i * 784 + p]!, bytes[i * 784 + p]!, bytes[i * 784 + p]!, 255], p * 4);
    fs.writeFileSync(path.join(folder, i < 20 ? '' : 'more', `edge-${i}.png`), encodePng({ width: 28, height: 28, data: rgba }));
  });
  const out = tempDir();
  const translated = await cli('translate', run.runDir, '--direction', 'ab', '--in', folder, '--out', out);
  assert.equal(translated.code, 0, translated.all());
  assert.match(translated.all(), /Translated 40 images a → b/);
  const outputs = indices.map((i) => decodePng(fs.readFileSync(path.join(out, i < 20 ? '' : 'more', `edge-${i}.png`))));
  assert.ok(outputs.every((png) => png.width === 28 && png.height === 28));
  const classifier = await loadDigitClassifier();
  try {
    const grey = Float32Array.from(outputs.flatMap((png) => Array.from({ length: 784 }, (_, p) => png.data[p * 4]! / 127.5 - 1)));
    const predicted = await classifier.predict(grey);
    const right = indices.filter((i) => predicted[i] === heldOut.target.labels![i]).length;
    assert.ok(right >= 28, `${right} of 40 translated files read as their digit`);
  } finally {
    classifier.dispose();
  }
  const idx = path.join(tempDir(), 'edges.idx');
  fs.writeFileSync(idx, idxBytes([40, 28, 28], bytes));
  const fromIdx = await cli('translate', run.runDir, '--in', idx, '--out', path.join(out, 'idx'));
  assert.equal(fromIdx.code, 0, fromIdx.all());
  assert.deepEqual(fs.readdirSync(path.join(out, 'idx')).sort().slice(0, 3), ['00.png', '01.png', '02.png']);

  // What translate cannot do, said plainly: pix2pix learns one way; the input must exist.
  const backwards = await cli('translate', run.runDir, '--direction', 'ba', '--in', folder, '--out', out);
  assert.equal(backwards.code, 2);
  assert.match(backwards.all(), /is a pix2pix run, which learns a → b only; use --direction ab/);
  const missing = await cli('translate', run.runDir, '--in', path.join(folder, 'nope'), '--out', out);
  assert.equal(missing.code, 2);
  assert.match(missing.all(), /--in: .*nope does not exist/);

  // The exported generator loads in plain TF.js and translates as the run does.
  const exported = path.join(tempDir(), 'model');
  assert.equal((await cli('export', run.runDir, '--out', exported)).code, 0);
  const info = JSON.parse(fs.readFileSync(path.join(exported, 'gan-studio.json'), 'utf8')) as { inputs: { name: string; shape: unknown[]; domain: string }[] };
  assert.deepEqual(info.inputs, [{ name: 'image', shape: [null, 28, 28, 1], range: [-1, 1], domain: 'a' }]);
  const model = await tf.loadLayersModel(fileHandler(exported));
  const fromExport = tf.tidy(() => (model.predict(tf.tensor(inputs.subarray(0, 784), [1, 28, 28, 1])) as Tensor).dataSync());
  const fromFile = Array.from({ length: 784 }, (_, p) => outputs[0]!.data[p * 4]!);
  fromExport.forEach((value, p) => assert.ok(Math.abs(Math.round(Math.min(Math.max((value + 1) * 127.5, 0), 255)) - fromFile[p]!) <= 1, `pixel ${p}`));
  model.dispose();
});

test('pix2pix resumes exactly and holds its tensor count', async () => {
  await useTestBackend();
  const tiny = resolvedConfig({
    ...edges, family: { kind: 'pix2pix', generator: { channels: 4, depth: 1 }, discriminator: { channels: 4, layers: 1 } },
    data: { kind: 'domains', paired: true, a: { kind: 'mnist', limit: 300, transforms: [{ kind: 'edges' }] }, b: { kind: 'mnist', limit: 300 } },
    training: { ...edges.training, steps: 12, batchSize: 8, dSteps: 2 }, logging: { every: 2, histogramEvery: 6 }, samples: { every: 6, count: 9 }, checkpoints: { every: 1000 },
  });
  const { whole, split } = await wholeAndResumed(tempDir(), tiny, 6);
  const [expected, actual] = await Promise.all([readRun(whole.runDir), readRun(split.runDir)]);
  assert.equal(actual.metrics.length, 6);
  actual.metrics.forEach((record, i) => {
    for (const key of ['dLoss', 'gLoss', 'l1', 'adversarial', 'dLossReal', 'gradNormD']) assert.equal(record[key], expected.metrics[i]![key], `step ${record.step} ${key}`);
  });
  const counts: number[] = [];
  await train({ runsDir: tempDir(), config: tiny }, (event) => {
    if (event.type === 'progress') counts.push(tf.memory().numTensors);
  });
  assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts per step: ${counts.join(', ')}`);
});

test('pix2pix with L1 alone trains no discriminator: one player, no histograms, the L1 headline', async () => {
  await useTestBackend();
  const l1Only = resolvedConfig({ ...edges, family: { kind: 'pix2pix', adversarialWeight: 0 }, training: { ...edges.training, steps: 80 }, samples: { every: 80, count: 9 }, checkpoints: { every: 80 }, logging: { every: 10, histogramEvery: 10 } });
  const run = await train({ runsDir: tempDir(), config: l1Only });
  const read = await readRun(run.runDir);
  assert.deepEqual(read.info.catalogue?.headline, ['l1', 'gLoss']);
  assert.deepEqual(read.info.networks, ['generatorAB']);
  assert.ok(read.metrics.every((line) => line['dLoss'] === undefined && typeof line['l1'] === 'number'));
  assert.ok(!fs.existsSync(path.join(run.runDir, 'histograms.jsonl')) || fs.readFileSync(path.join(run.runDir, 'histograms.jsonl'), 'utf8').trim() === '');
  const first = read.metrics[0]!['l1'] as number;
  const last = read.metrics.at(-1)!['l1'] as number;
  assert.ok(last < 0.8 * first, `L1 fell from ${first} to ${last}`);
});
