import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import { parseConfigText } from '../../src/core/config/parse';
import { codeLayout } from '../../src/core/models/codeLayout';
import { realConsistencyLoss } from '../../src/core/objectives/realConsistency';
import { assertNoLeak, useTestBackend } from './support/backend';
import { refusedFields } from './support/configIssues';

const softmax = (row: readonly number[]) => {
  const total = row.reduce((sum, v) => sum + Math.exp(v), 0);
  return row.map((v) => Math.exp(v) / total);
};
const entropy = (p: readonly number[]) => -p.reduce((sum, v) => sum + v * Math.log(v), 0);

test('IMSAT on real images: consistency cross-entropy against the clean answer, mean entropy, entropy of the mean, weighted', async () => {
  await useTestBackend();
  const layout = codeLayout({ categorical: [3], continuous: [] });
  const clean = [[2, 0, -1], [0, 1, 0]];
  const augmented = [[1, 0, 0], [0, 2, -1]];
  const p = clean.map(softmax);
  const q = augmented.map(softmax);
  const crossEntropy = -(p[0]!.reduce((s, v, k) => s + v * Math.log(q[0]![k]!), 0) + p[1]!.reduce((s, v, k) => s + v * Math.log(q[1]![k]!), 0)) / 2;
  const conditional = (entropy(p[0]!) + entropy(p[1]!)) / 2;
  const marginal = entropy(p[0]!.map((v, k) => (v + p[1]![k]!) / 2));
  const [total, consistency, cond, marg] = assertNoLeak(() => tf.tidy(() => {
    const terms = realConsistencyLoss(tf.tensor2d(clean), tf.tensor2d(augmented), layout, { weight: 2, conditionalEntropy: 0.1, marginalEntropy: 0.4 });
    return [terms.total, terms.consistency, terms.conditionalEntropy, terms.marginalEntropy].map((t) => t.dataSync()[0]!);
  }));
  const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-5, `${a} vs ${b}`);
  near(consistency!, crossEntropy);
  near(cond!, conditional);
  near(marg!, marginal);
  near(total!, 2 * crossEntropy + 0.1 * conditional - 0.4 * marginal);
});

test('IMSAT on real images: the consistency term sends no gradient into the clean answer, its target', async () => {
  await useTestBackend();
  const layout = codeLayout({ categorical: [3], continuous: [] });
  const gradient = assertNoLeak(() => tf.tidy(() => {
    const augmented = tf.tensor2d([[1, 0, 0], [0, 2, -1]]);
    const grad = tf.grad((clean: Tensor) => realConsistencyLoss(clean, augmented, layout, { weight: 1, conditionalEntropy: 0, marginalEntropy: 0 }).total);
    return Array.from(grad(tf.tensor2d([[2, 0, -1], [0, 1, 0]])).dataSync());
  }));
  assert.deepEqual(gradient.map((g) => Math.abs(g)), [0, 0, 0, 0, 0, 0]);
});

test('realConsistency without augmentation is refused at its path, saying what to add', () => {
  const refused = refusedFields('name: q\ndata: { kind: mnist }\nmodel: { kind: dcgan, infogan: { realConsistency: {} } }\n');
  assert.match(refused.get('model.infogan.realConsistency') ?? '', /there is no augmentation: add regularizers\.augmentation/);
  const accepted = parseConfigText('name: q\ndata: { kind: mnist }\nmodel: { kind: dcgan, infogan: { realConsistency: {} } }\nregularizers: { augmentation: { rotation: 10 } }\n');
  assert.ok(accepted.ok, JSON.stringify(accepted));
});
