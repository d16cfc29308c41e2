import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import type { GanConfigInput } from '../../src/core/config/schema';
import { domainsApart } from '../../src/core/eval/diagnosticFigureRules';
import { domainWeightAt } from '../../src/core/families/dann/config';
import { reverseGradient } from '../../src/core/families/dann/gradientReversal';
import { principalPlane } from '../../src/core/families/dann/projection';
import { isDiagnosticRecord, isEvaluationRecord } from '../../src/core/run/evaluationRecords';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { readRun } from '../../src/core/run/runReader';
import { useTestBackend } from './support/backend';
import { cli } from './support/cli';
import { refusedFields } from './support/configIssues';
import { fileHandler } from './support/layersModel';
import { resolvedConfig, shortenedExample, tempDir, train, wholeAndResumed } from './support/training';

const tiny: GanConfigInput = {
  name: 'dann-tiny', seed: 5,
  family: { kind: 'dann', features: { channels: 4 }, domainHead: { units: 8 } },
  data: { kind: 'domains', a: { kind: 'mnist', limit: 600 }, b: { kind: 'mnist', limit: 600, transforms: [{ kind: 'colored' }] } },
  training: { steps: 12, batchSize: 8 },
  logging: { every: 2 }, samples: { every: 6 }, checkpoints: { every: 1000 }, evaluation: { every: 6 },
};

test('the gradient reversal layer is the identity forward and −λ times the gradient backward', async () => {
  await useTestBackend();
  const x = tf.tensor1d([1, -2, 3]);
  const lambda = tf.scalar(0.25);
  const forward = reverseGradient(x, lambda);
  assert.deepEqual(Array.from(await forward.data()), [1, -2, 3]);
  // d/dx Σ w·GRL(x) = −λ·w; without the layer it would be w.
  const w = tf.tensor1d([2, 4, -8]);
  const gradient = tf.grad((input: Tensor) => tf.sum(tf.mul(reverseGradient(input, lambda), w)) as Scalar)(x);
  assert.deepEqual(Array.from(await gradient.data()), [-0.5, -1, 2]);
  tf.dispose([x, lambda, forward, w, gradient]);
});

test('λ follows Ganin et al.\'s schedule: 0 at the start, 2/(1+e^−10p) − 1 of the weight at share p, or constant', () => {
  assert.equal(domainWeightAt({ schedule: 'ganin' }, 1, 0, 100), 0);
  assert.ok(Math.abs(domainWeightAt({ schedule: 'ganin' }, 1, 50, 100) - (2 / (1 + Math.exp(-5)) - 1)) < 1e-12);
  assert.ok(domainWeightAt({ schedule: 'ganin' }, 0.5, 100, 100) > 0.499 && domainWeightAt({ schedule: 'ganin' }, 0.5, 100, 100) < 0.5);
  assert.equal(domainWeightAt({ schedule: 'constant' }, 0.3, 0, 100), 0.3);
});

test('the feature plane is the two directions of most spread, with robust scaling and a stable sign', () => {
  // Points along (1, 1, 0) spread most, then along (0, 0, 1); the third direction has none.
  const rows: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t = (i - 50) / 10;
    const s = ((i * 37) % 100 - 50) / 50;
    rows.push(t, t, s);
  }
  const plane = principalPlane(Float32Array.from(rows), 100, 3);
  const axis = (d: number) => Array.from({ length: 100 }, (_, i) => plane[i * 2 + d]!);
  const correlation = (a: number[], b: number[]) => {
    const mean = (v: number[]) => v.reduce((sum, x) => sum + x, 0) / v.length;
    const [ma, mb] = [mean(a), mean(b)];
    const dot = (u: number[], mu: number, w: number[], mw: number) => u.reduce((sum, x, i) => sum + (x - mu) * (w[i]! - mw), 0);
    return dot(a, ma, b, mb) / Math.sqrt(dot(a, ma, a, ma) * dot(b, mb, b, mb));
  };
  const t = Array.from({ length: 100 }, (_, i) => i - 50);
  const s = Array.from({ length: 100 }, (_, i) => (i * 37) % 100 - 50);
  assert.ok(Math.abs(correlation(axis(0), t)) > 0.999, `x follows the main spread: ${correlation(axis(0), t)}`);
  assert.ok(Math.abs(correlation(axis(1), s)) > 0.99, `y follows the second: ${correlation(axis(1), s)}`);
  for (const d of [0, 1]) {
    const values = axis(d);
    assert.ok(values.filter((x) => Math.abs(x) <= 1).length >= 98 && Math.max(...values.map(Math.abs)) <= 1.15, `axis ${d} scaled: ${Math.max(...values)}`);
    assert.ok(values.reduce((sum, x) => sum + x ** 3, 0) >= 0, `axis ${d} skews positive`);
  }
  // Wide rows (thousands of features, as F's are) take no width × width matrix: this returns at once.
  const wide = Float32Array.from({ length: 200 * 3000 }, (_, k) => Math.sin(k * 0.37) + (k % 3000 < 5 ? (k / 3000) % 7 : 0));
  assert.equal(principalPlane(wide, 200, 3000).length, 400);
});

test('validation says what DANN needs: two unpaired labelled domains, none of the GAN\'s objective or regularizers', () => {
  const head = 'name: t\nfamily:\n  kind: dann\n';
  assert.match(refusedFields(`${head}data:\n  kind: mnist\n`).get('data.kind') ?? '', /the dann family adapts from a labelled source domain to a target domain; use data kind domains/);
  const twoDomains = 'data:\n  kind: domains\n  a: { kind: mnist }\n  b: { kind: mnist, transforms: [{ kind: colored }] }\n';
  assert.match(refusedFields(`${head}${twoDomains}  paired: true\n`).get('data.paired') ?? '', /learns from unpaired domains/);
  assert.match(refusedFields(`${head}data:\n  kind: domains\n  a: { kind: mnist }\n  b: { kind: idx, images: x.idx }\n`).get('data.b.labels') ?? '',
    /needs labels on both domains: the target's labels measure what F learned/);
  assert.match(refusedFields(`${head}${twoDomains}objective:\n  kind: hinge\n`).get('objective.kind') ?? '', /the dann family trains its domain head with the logistic loss/);
  assert.match(refusedFields(`${head}${twoDomains}regularizers:\n  instanceNoise: { sigma: 0.1 }\n`).get('regularizers.instanceNoise') ?? '', /noise would hide the very difference/);
  assert.match(refusedFields(`${head}${twoDomains}model:\n  kind: dcgan\n`).get('model') ?? '', /the dann family builds its own networks/);
  assert.match(refusedFields(`${head}  domainWeight: -1\n${twoDomains}`).get('family.domainWeight') ?? '', /-1/);
});

test('DANN resumes exactly, holds its tensor count, measures against both comparison networks and exports F and its classifier', async () => {
  await useTestBackend();
  const config = resolvedConfig(tiny);
  const { whole, split } = await wholeAndResumed(tempDir(), config, 6);
  const [expected, actual] = await Promise.all([readRun(whole.runDir), readRun(split.runDir)]);
  assert.equal(actual.metrics.length, 6);
  actual.metrics.forEach((record, i) => {
    for (const key of ['labelLoss', 'domainLoss', 'domainAccuracy', 'sourceOnlyLoss', 'targetTrainedLoss', 'lambda', 'gradNormDann']) {
      assert.equal(record[key], expected.metrics[i]![key], `step ${record.step} ${key}`);
    }
  });
  assert.deepEqual(expected.info.networks, ['classifier', 'domainHead', 'sourceOnlyClassifier', 'targetTrainedClassifier']);
  assert.equal(expected.info.picture?.title, 'Features by domain');
  assert.deepEqual(expected.info.views?.map((view) => view.name), ['features-by-class']);
  assert.ok(fs.existsSync(path.join(whole.runDir, 'samples', 'step-12.png')) && fs.existsSync(path.join(whole.runDir, 'samples', 'features-by-class', 'step-12.png')));
  const counts: number[] = [];
  await train({ runsDir: tempDir(), config }, (event) => {
    if (event.type === 'progress') counts.push(tf.memory().numTensors);
  });
  assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts per step: ${counts.join(', ')}`);

  const evaluated = await cli('eval', whole.runDir);
  assert.equal(evaluated.code, 0, evaluated.all());
  assert.match(evaluated.all(), /DANN on target +[\d.]+%\n +source-only on target +[\d.]+%\n +trained on target labels +[\d.]+%/);
  const sampled = await cli('sample', whole.runDir, '--out', path.join(tempDir(), 'x.png'));
  assert.equal(sampled.code, 2, sampled.all());
  assert.match(sampled.all(), /is a dann run, which learns no generator: there is nothing to sample/);

  const out = path.join(tempDir(), 'export');
  const exported = await cli('export', whole.runDir, '--out', out);
  assert.equal(exported.code, 0, exported.all());
  assert.match(exported.all(), /Exported the feature extractor in features\/ and the classifier in classifier\//);
  assert.ok(!fs.existsSync(path.join(out, 'model.json')), 'no generator at the top');
  const features = await tf.loadLayersModel(fileHandler(path.join(out, 'features')));
  const classifier = await tf.loadLayersModel(fileHandler(path.join(out, 'classifier')));
  const shapes = tf.tidy(() => [features, classifier].map((model) => (model.predict(tf.zeros([2, 28, 28, 3])) as Tensor).shape));
  assert.deepEqual(shapes, [[2, 7 * 7 * 8], [2, 10]], 'F: the second convolution\'s 8 channels at 7 × 7, flattened; the classifier: 10 logits');
  features.dispose();
  classifier.dispose();
});

test('with λ = 0 DANN is the source-only network exactly: the same batches, weights and updates', async () => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({ ...tiny, family: { kind: 'dann', features: { channels: 4 }, domainHead: { units: 8 }, domainWeight: 0 } }) });
  const read = await readRun(run.runDir);
  for (const line of read.metrics) assert.equal(line['labelLoss'], line['sourceOnlyLoss'], `step ${line.step}`);
});

test('diagnostics call a domain head at chance healthy, and warn only when the domains stay apart and adapting has not helped', () => {
  const figures = (domain: number, target: number, sourceOnly: number) => [
    { name: 'domainAccuracy', label: '', unit: 'share' as const, value: domain, description: '' },
    { name: 'targetAccuracy', label: '', unit: 'share' as const, value: target, description: '' },
    { name: 'sourceOnlyAccuracy', label: '', unit: 'share' as const, value: sourceOnly, description: '' },
  ];
  const merged = domainsApart.assess(600, figures(0.52, 0.41, 0.25));
  assert.equal(merged.state, 'absent');
  assert.match(merged.state === 'absent' ? merged.summary : '', /its loss flat near ln 2, is the goal, not a stall/);
  // Apart but already helping (early in the schedule): no warning either.
  assert.equal(domainsApart.assess(200, figures(0.96, 0.31, 0.22)).state, 'absent');
  const apart = domainsApart.assess(600, figures(0.97, 0.2, 0.25));
  assert.equal(apart.state, 'present');
  assert.match(apart.state === 'present' ? apart.summary : '', /Domains still apart: the domain head names the domain of 97 % of held-out images/);
  assert.equal(domainsApart.assess(600, []).state, 'unknown');
});

// The recipe cut to 200 steps (seed 1, `gan-studio train`: DANN 30.6 % on the target, source-only
// 22.2 %, target-trained 87.4 %). Whether DANN beats source-only on other seeds and at the recipe's
// length is `npm run quality -- --only dann`'s question.
test('the DANN recipe, shortened: F learns the source, and DANN reads the target better than the source-only network', async () => {
  await useTestBackend();
  const loaded = await shortenedExample('examples/mnist-dann.gan.yaml', 200);
  const run = await train({ runsDir: tempDir(), config: { ...loaded, config: { ...loaded.config, evaluation: { every: 200, samples: 1000 } } } });
  assert.equal(run.info.status, 'completed');
  const evaluations = await readJsonLines(path.join(run.runDir, 'metrics.jsonl'), isEvaluationRecord);
  assert.deepEqual(evaluations.map((record) => record.step), [0, 200]);
  const figure = (name: string) => evaluations[1]!.figures?.find((candidate) => candidate.name === name)?.value ?? Number.NaN;
  assert.ok(figure('sourceAccuracy') > 0.85, `DANN on the source: ${figure('sourceAccuracy')}`);
  assert.ok(figure('targetAccuracy') > figure('sourceOnlyAccuracy') + 0.03,
    `DANN on the target ${figure('targetAccuracy')} against source-only ${figure('sourceOnlyAccuracy')}`);
  assert.ok(figure('targetTrainedAccuracy') > figure('targetAccuracy'), `the upper bound ${figure('targetTrainedAccuracy')}`);
  const diagnostics = await readJsonLines(path.join(run.runDir, 'metrics.jsonl'), isDiagnosticRecord);
  assert.deepEqual(diagnostics.map((record) => record.kind), [], 'adapting helps, so nothing is reported');
});
