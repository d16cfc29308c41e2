import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from '../../src/core/backend/tf';
import type { Dataset } from '../../src/core/data/dataset';
import { loadMnist } from '../../src/core/data/mnist';
import { gather, gatherLabels } from '../../src/core/data/sampler';
import { classifierDirectory, loadDigitClassifier, type DigitClassifier } from '../../src/core/eval/digitClassifier';
import { DigitEvaluator, labelAccuracy } from '../../src/core/eval/digitMetrics';
import { classifierSplit, type DigitSplit } from '../../src/core/eval/digitSplit';
import { Random } from '../../src/core/util/random';
import { useTestBackend } from './support/backend';
import { tempDir } from './support/training';

const PIXELS = 784;
let classifier: DigitClassifier;
let digits: Dataset;
let split: DigitSplit;

before(async () => {
  await useTestBackend();
  [classifier, digits] = await Promise.all([loadDigitClassifier(), loadMnist({ kind: 'mnist' })]);
  split = classifierSplit(digits.labels!);
});
after(() => classifier.dispose());

test('the held-out split takes every 5th example of each digit: 20% of each, disjoint from training', () => {
  assert.equal(split.heldOut.length, 1996);
  assert.equal(split.train.length + split.heldOut.length, digits.count);
  assert.equal(new Set([...split.train, ...split.heldOut]).size, digits.count);
  for (let digit = 0; digit < 10; digit++) {
    const total = digits.labels!.filter((label) => label === digit).length;
    const held = gatherLabels(digits, split.heldOut).filter((label) => label === digit).length;
    assert.equal(held, Math.floor(total / 5), `digit ${digit}`);
  }
  // Round-robin storage: the 5th of each digit are examples 40..49.
  assert.deepEqual([...split.heldOut.subarray(0, 10)], [40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
});

test('the shipped classifier classifies ≥ 98% of the held-out digits, as its metrics.json says; under 1 MB', async () => {
  const labels = gatherLabels(digits, split.heldOut);
  const accuracy = labelAccuracy(await classifier.predict(gather(digits, split.heldOut)), labels);
  assert.ok(accuracy >= 0.98, `held-out accuracy ${accuracy}`);
  const dir = classifierDirectory();
  const recorded = JSON.parse(fs.readFileSync(path.join(dir, 'metrics.json'), 'utf8')) as { heldOutAccuracy: number; heldOutCount: number };
  assert.equal(recorded.heldOutCount, labels.length);
  // Same weights; another test backend may round a borderline digit differently.
  assert.ok(Math.abs(recorded.heldOutAccuracy - accuracy) <= 0.002, `recorded ${recorded.heldOutAccuracy}, measured ${accuracy}`);
  const bytes = fs.readdirSync(dir).reduce((sum, file) => sum + fs.statSync(path.join(dir, file)).size, 0);
  assert.ok(bytes < 1024 * 1024, `${bytes} bytes`);
});

test('batched prediction and features leak no tensors and match one-image passes', async () => {
  const indices = Array.from({ length: 1200 }, (_, i) => i);
  const images = gather(digits, indices);
  const before = tf.memory().numTensors;
  const { labels, features } = await classifier.classify(images);
  assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
  assert.equal(features.length, 1200 * classifier.featureSize);
  assert.ok(classifier.featureSize >= 32);
  assert.deepEqual(await classifier.predict(images), labels);
  // Images from the first, second and last internal batch.
  for (const i of [3, 700, 1199]) {
    const one = images.subarray(i * PIXELS, (i + 1) * PIXELS);
    assert.equal((await classifier.predict(one))[0], labels[i]);
    const single = await classifier.features(one);
    single.forEach((value, f) => assert.ok(Math.abs(value - features[i * classifier.featureSize + f]!) < 1e-4));
  }
  assert.ok(features.some((value) => value > 0), 'ReLU features are not all zero');
  await assert.rejects(classifier.predict(new Float32Array(PIXELS + 1)), /whole 28×28 images/);
});

test('loads from any folder with node fs; a folder without it says how to make it', async () => {
  const copy = tempDir('gan-studio-classifier-');
  fs.cpSync(classifierDirectory(), copy, { recursive: true });
  const tensorsBefore = tf.memory().numTensors;
  const copied = await loadDigitClassifier(copy);
  const images = gather(digits, split.heldOut.subarray(0, 50));
  assert.deepEqual(await copied.features(images), await classifier.features(images));
  copied.dispose();
  assert.equal(tf.memory().numTensors, tensorsBefore, 'dispose() frees the weights');
  await assert.rejects(loadDigitClassifier(path.join(copy, 'nothing-here')), /train-classifier\.ts/);
});

test('digit metrics: real digits near the real-vs-real FID floor, noise far above; label and code accuracy', async (t) => {
  let classified = 0;
  const counting: DigitClassifier = {
    featureSize: classifier.featureSize,
    predict: (images) => classifier.predict(images),
    features: (images) => { classified += images.length / PIXELS; return classifier.features(images); },
    classify: (images) => { classified += images.length / PIXELS; return classifier.classify(images); },
    dispose: () => undefined,
  };
  const evaluator = new DigitEvaluator(counting, digits);
  const held = split.heldOut.subarray(0, 1000);
  const images = gather(digits, held);
  const labels = gatherLabels(digits, held);
  const codeOfDigit = [4, 9, 0, 7, 1, 3, 8, 2, 6, 5];

  const started = performance.now();
  const real = await evaluator.evaluate({ images, labels, codes: labels.map((label) => codeOfDigit[label]!) });
  t.diagnostic(`1000 real digits: FID ${real.fid.toFixed(2)}, floor ${real.fidRealFloor.toFixed(2)} (${(performance.now() - started).toFixed(0)} ms with the real statistics)`);
  assert.equal(classified, 3000, 'the samples plus two disjoint real sets of their size');
  assert.ok(real.labelAccuracy! >= 0.98, `label accuracy ${real.labelAccuracy}`);
  assert.equal(real.codeAccuracy, real.labelAccuracy);
  codeOfDigit.forEach((code, digit) => assert.equal(real.digitOfCategory![code], digit));
  assert.ok(real.digitKl < 0.05, `digit histogram KL ${real.digitKl}`);
  assert.ok(real.fidRealFloor > 0 && real.fid < 2 * real.fidRealFloor + 1, `FID ${real.fid} vs floor ${real.fidRealFloor}`);
  // Held-out real digits against other real digits: realistic and varied, and speckled as much as real digits are.
  const { precision, recall, density, coverage } = real.manifold;
  assert.ok(precision > 0.6 && recall > 0.6 && density > 0.6 && coverage > 0.8, `real digits: ${JSON.stringify(real.manifold)}`);
  assert.ok(Math.abs(real.speckle - real.speckleReal) < 0.5 * real.speckleReal, `speckle ${real.speckle} vs real ${real.speckleReal}`);
  // Held-out digits vary within each label (and so within each code) as the real digits do.
  for (const ratio of [real.labelDiversity!, real.codeDiversity!]) assert.ok(Math.abs(ratio - 1) < 0.1, `within-class diversity ${ratio}`);
  // One glyph per label: right classes, no variety within them.
  const firstOfLabel = Array.from({ length: 10 }, (_, digit) => held[labels.indexOf(digit)]!);
  const glyphs = await evaluator.evaluate({ images: gather(digits, Array.from(labels, (label) => firstOfLabel[label]!)), labels });
  assert.ok(glyphs.labelAccuracy! > 0.9 && glyphs.labelDiversity === 0, `one glyph per label: ${glyphs.labelAccuracy}, ${glyphs.labelDiversity}`);
  classified -= 1000;

  const random = new Random(9);
  const noise = random.fillUniform(new Float32Array(images.length), -1, 1);
  const wrongLabels = labels.map((label) => (label + 1) % 10);
  const again = performance.now();
  const scored = await evaluator.evaluate({ images: noise, labels: wrongLabels });
  t.diagnostic(`1000 noise images: FID ${scored.fid.toFixed(1)} (${(performance.now() - again).toFixed(0)} ms, real statistics cached)`);
  assert.equal(classified, 4000, 'real statistics of a size already seen are reused');
  assert.equal(scored.fidRealFloor, real.fidRealFloor);
  assert.ok(scored.fid > 20 * real.fidRealFloor, `noise FID ${scored.fid} vs floor ${real.fidRealFloor}`);
  assert.equal(scored.codeAccuracy, undefined);
  assert.ok((await evaluator.evaluate({ images, labels: wrongLabels })).labelAccuracy! < 0.05);
  await assert.rejects(evaluator.evaluate({ images: gather(digits, Array.from({ length: 5001 }, (_, i) => i)) }), /between 2 and 5000/);
});
