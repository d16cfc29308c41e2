import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import type { GanConfigInput } from '../../src/core/config/schema';
import { loadDataset } from '../../src/core/data/load';
import { classifierSplit } from '../../src/core/eval/digitSplit';
import { familyOf } from '../../src/core/families';
import { semiSupervisedSplit } from '../../src/core/families/triplegan/split';
import { readRun } from '../../src/core/run/runReader';
import { useTestBackend } from './support/backend';
import { cli } from './support/cli';
import { refusedFields } from './support/configIssues';
import { fileHandler } from './support/layersModel';
import { resolvedConfig, shortenedExample, tempDir, train, wholeAndResumed } from './support/training';
import { isEvaluationRecord } from '../../src/core/run/evaluationRecords';
import { readJsonLines } from '../../src/core/run/jsonLines';

const tiny: GanConfigInput = {
  name: 'triple-tiny', seed: 3,
  family: { kind: 'triple-gan', labelsPerClass: 2, pseudoLabelFrom: 4, classifier: { channels: 4 }, entropyWeight: 0.1, consistency: { weight: 0.5 } },
  data: { kind: 'mnist', limit: 400 },
  model: { kind: 'mlp', latentSize: 8, generator: { hidden: [16] }, discriminator: { hidden: [16] }, conditional: {} },
  regularizers: { instanceNoise: { sigma: 0.3, annealSteps: 10 } },
  training: { steps: 12, batchSize: 8, dSteps: 2 },
  logging: { every: 2, histogramEvery: 6 }, samples: { every: 6, count: 10 }, checkpoints: { every: 1000 }, evaluation: { samples: 100 },
};

test('the semi-supervised split keeps N labels per class, drops the others\' labels and tests on the held-out fifth', async () => {
  const digits = await loadDataset({ kind: 'mnist' }, { baseDir: '.', seed: 1 });
  const split = semiSupervisedSplit(digits, 10, 7);
  const counts = new Map<number, number>();
  for (const label of split.labelled.labels!) counts.set(label, (counts.get(label) ?? 0) + 1);
  assert.deepEqual([...counts.entries()].sort((a, b) => a[0] - b[0]), Array.from({ length: 10 }, (_, digit) => [digit, 10]));
  assert.equal(split.unlabelled.labels, undefined, 'the unlabelled part carries no labels');
  const { train: trainIndices, heldOut } = classifierSplit(digits.labels!);
  assert.equal(split.test.count, heldOut.length);
  assert.equal(split.labelled.count + split.unlabelled.count, trainIndices.length);
  // No image is in two parts: each part's images, as strings, meet no other part's.
  const images = (part: typeof digits) => new Set(Array.from({ length: part.count }, (_, i) => part.values.subarray(i * 784, (i + 1) * 784).join(',')));
  const [labelled, unlabelled, tested] = [images(split.labelled), images(split.unlabelled), images(split.test)];
  for (const image of labelled) assert.ok(!unlabelled.has(image) && !tested.has(image), 'a labelled image is also unlabelled or tested');
  for (const image of unlabelled) assert.ok(!tested.has(image), 'an unlabelled image is also tested');
  // Seeded: the same seed keeps the same labels, another seed others.
  assert.deepEqual(semiSupervisedSplit(digits, 10, 7).labelled.values, split.labelled.values);
  assert.notDeepEqual(semiSupervisedSplit(digits, 10, 8).labelled.values, split.labelled.values);
});

test('validation says what Triple-GAN needs: labelled images, a conditional model, no penalties it does not train', () => {
  const head = 'name: t\nfamily:\n  kind: triple-gan\n';
  assert.match(refusedFields(`${head}data:\n  kind: mnist\n`).get('model.conditional') ?? '', /G draws a given class and its D judges \(x, y\) pairs; add conditional: \{\} to model/);
  assert.match(refusedFields(`${head}data:\n  kind: ring\nmodel:\n  kind: mlp\n  conditional: {}\n`).get('data.kind') ?? '', /classifies labelled images; use mnist/);
  assert.match(refusedFields(`${head}data:\n  kind: idx\n  images: x.idx\nmodel:\n  kind: mlp\n  conditional: {}\n`).get('data.labels') ?? '', /name the labels IDX file/);
  const penalty = refusedFields(`${head}data:\n  kind: mnist\nmodel:\n  kind: mlp\n  conditional: {}\nregularizers:\n  r1: { gamma: 1 }\n`);
  assert.match(penalty.get('regularizers.r1') ?? '', /the triple-gan family trains D on three kinds of pair/);
  assert.match(refusedFields(`${head}  labelsPerClass: 0\ndata:\n  kind: mnist\n`).get('family.labelsPerClass') ?? '', /must be an integer between 1 and 1000, found 0/);
});

test('Triple-GAN refuses labels that leave nothing unlabelled, at build, naming the field', async () => {
  await useTestBackend();
  const { config } = resolvedConfig({ ...tiny, family: { kind: 'triple-gan', labelsPerClass: 1000 } });
  const data = await loadDataset(config.data, { baseDir: '.', seed: config.seed });
  assert.throws(() => familyOf(config).build(config, data), /family.labelsPerClass: 1000 per class keeps every training label/);
});

test('Triple-GAN resumes exactly, holds its tensor count, shows both accuracies and exports its classifier', async () => {
  await useTestBackend();
  const config = resolvedConfig(tiny);
  const { whole, split } = await wholeAndResumed(tempDir(), config, 6);
  const [expected, actual] = await Promise.all([readRun(whole.runDir), readRun(split.runDir)]);
  assert.equal(actual.metrics.length, 6);
  actual.metrics.forEach((record, i) => {
    for (const key of ['dLoss', 'gLoss', 'cLoss', 'supervised', 'adversarial', 'pseudoLabel', 'consistency', 'baselineLoss', 'dPseudo', 'gradNormC', 'instanceNoiseSigma']) {
      assert.equal(record[key], expected.metrics[i]![key], `step ${record.step} ${key}`);
    }
  });
  assert.deepEqual(expected.info.networks, ['generator', 'discriminator', 'classifier', 'baselineClassifier']);
  assert.equal(expected.metrics[0]!['pseudoLabel'], undefined, 'no pseudo-label term before pseudoLabelFrom');
  assert.equal(typeof expected.metrics[0]!['consistency'], 'number', 'the consistency term is logged when configured');
  const counts: number[] = [];
  await train({ runsDir: tempDir(), config }, (event) => {
    if (event.type === 'progress') counts.push(tf.memory().numTensors);
  });
  assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts per step: ${counts.join(', ')}`);

  const evaluated = await cli('eval', whole.runDir);
  assert.equal(evaluated.code, 0, evaluated.all());
  assert.match(evaluated.all(), /C test accuracy +[\d.]+%\n +baseline on 2 labels\/class +[\d.]+%/);

  const out = path.join(tempDir(), 'export');
  const exported = await cli('export', whole.runDir, '--out', out);
  assert.equal(exported.code, 0, exported.all());
  assert.match(exported.all(), /and, in classifier\/, the classifier/);
  const info = JSON.parse(fs.readFileSync(path.join(out, 'classifier', 'gan-studio.json'), 'utf8')) as { output: { classNames: string[]; kind: string } };
  assert.equal(info.output.kind, 'logits');
  assert.equal(info.output.classNames.length, 10);
  const model = await tf.loadLayersModel(fileHandler(path.join(out, 'classifier')));
  const logits = tf.tidy(() => (model.predict(tf.zeros([2, 28, 28, 1])) as Tensor).shape);
  assert.deepEqual(logits, [2, 10]);
  model.dispose();
});

test('with its three extra terms off, C is the baseline exactly: the same labels, batches and updates', async () => {
  await useTestBackend();
  const plain = resolvedConfig({ ...tiny, family: { kind: 'triple-gan', labelsPerClass: 2, pseudoLabelFrom: 4, classifier: { channels: 4 }, adversarialWeight: 0, pseudoLabelWeight: 0 } });
  const run = await train({ runsDir: tempDir(), config: plain });
  const read = await readRun(run.runDir);
  for (const line of read.metrics) assert.equal(line['cLoss'], line['baselineLoss'], `step ${line.step}`);
  const evaluated = await cli('eval', run.runDir);
  const [c, baseline] = [/C test accuracy +([\d.]+)%/, /baseline on 2 labels\/class +([\d.]+)%/].map((pattern) => pattern.exec(evaluated.all())?.[1]);
  assert.ok(c !== undefined && c === baseline, evaluated.all());
});

// The recipe cut to 300 steps: learning against the untrained networks' 10 %, and C already ahead of
// the baseline (whether its error halves is `npm run quality -- --only triple-gan`'s question, over
// the recipe's full length).
test('the Triple-GAN recipe, shortened: G draws its labels, C beats the baseline on the same 100 labels, both accuracies on every evaluation', async () => {
  await useTestBackend();
  const loaded = await shortenedExample('examples/mnist-triple-gan.gan.yaml', 300);
  const run = await train({ runsDir: tempDir(), config: { ...loaded, config: { ...loaded.config, evaluation: { every: 300, samples: 500 } } } });
  assert.equal(run.info.status, 'completed');
  const evaluations = await readJsonLines(path.join(run.runDir, 'metrics.jsonl'), isEvaluationRecord);
  assert.deepEqual(evaluations.map((record) => record.step), [0, 300]);
  const accuracy = (record: (typeof evaluations)[number], name: string) => record.figures?.find((figure) => figure.name === name)?.value ?? Number.NaN;
  const [first, last] = [evaluations[0]!, evaluations[1]!];
  for (const name of ['classifierAccuracy', 'baselineAccuracy']) {
    assert.ok(accuracy(first, name) < 0.25 && accuracy(last, name) > 0.7, `${name}: ${accuracy(first, name)} → ${accuracy(last, name)}`);
  }
  assert.ok(accuracy(last, 'classifierAccuracy') > accuracy(last, 'baselineAccuracy') + 0.03,
    `C ${accuracy(last, 'classifierAccuracy')} against the baseline ${accuracy(last, 'baselineAccuracy')}`);
  assert.ok((first.labelAccuracy ?? 1) < 0.25 && (last.labelAccuracy ?? 0) > 0.6, `G's label accuracy ${first.labelAccuracy} → ${last.labelAccuracy}`);
  assert.equal(first.figures?.find((figure) => figure.name === 'baselineAccuracy')?.baseline, true, 'the baseline is drawn dashed');
});
