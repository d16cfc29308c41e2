import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import type { ObjectiveConfig } from '../../src/core/config/objectiveSchema';
import {
  addInstanceNoise, adversarialObjective, gradientPenalty, instanceNoiseSigma, r1Penalty, realTarget,
} from '../../src/core/objectives';
import { assertNoLeak, useTestBackend } from './support/backend';

before(useTestBackend);

const realLogits = [2, -1, 0.5];
const fakeLogits = [-0.5, 1, -2];

const softplus = (x: number) => Math.log1p(Math.exp(x));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const norm = (values: number[]) => Math.sqrt(values.reduce((a, v) => a + v * v, 0));

function assertClose(actual: number, expected: number, message = '', tolerance = 1e-5): void {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${message} expected ${expected}, got ${actual}`);
}

/** Runs `body` in tf.tidy, proves it leaks nothing, and reads every returned tensor as numbers. */
function evaluate(body: () => Record<string, Tensor>): Record<string, number[]> {
  return assertNoLeak(() => tf.tidy(() => {
    const values: Record<string, number[]> = {};
    for (const [name, tensor] of Object.entries(body())) values[name] = Array.from(tensor.dataSync());
    return values;
  }));
}

function scalar(values: Record<string, number[]>, name: string): number {
  const value = values[name];
  assert.ok(value?.length === 1, `${name} is a scalar`);
  return value[0]!;
}

interface Expected {
  real: (target: number) => number;
  fake: number;
  generator: number;
  displayed: (score: number) => number;
  histogramRange: readonly [number, number] | undefined;
}

const logisticD = {
  real: (t: number) => mean(realLogits.map((l) => t * softplus(-l) + (1 - t) * softplus(l))),
  fake: mean(fakeLogits.map((l) => softplus(l))),
};

const expectations: Record<ObjectiveConfig['kind'], Expected> = {
  'minimax': {
    ...logisticD,
    generator: mean(fakeLogits.map((l) => Math.log(1 - sigmoid(l)))),
    displayed: sigmoid,
    histogramRange: [0, 1],
  },
  'non-saturating': {
    ...logisticD,
    generator: mean(fakeLogits.map((l) => -Math.log(sigmoid(l)))),
    displayed: sigmoid,
    histogramRange: [0, 1],
  },
  'least-squares': {
    real: (t) => 0.5 * mean(realLogits.map((s) => (s - t) ** 2)),
    fake: 0.5 * mean(fakeLogits.map((s) => s ** 2)),
    generator: 0.5 * mean(fakeLogits.map((s) => (s - 1) ** 2)),
    displayed: (s) => s,
    histogramRange: [-0.5, 1.5],
  },
  'wasserstein': {
    real: () => -mean(realLogits),
    fake: mean(fakeLogits),
    generator: -mean(fakeLogits),
    displayed: (s) => s,
    histogramRange: undefined,
  },
  'hinge': {
    real: () => mean(realLogits.map((s) => Math.max(0, 1 - s))),
    fake: mean(fakeLogits.map((s) => Math.max(0, 1 + s))),
    generator: -mean(fakeLogits),
    displayed: (s) => s,
    histogramRange: [-3, 3],
  },
};

describe('adversarial objectives match hand-computed losses', () => {
  for (const [kind, expected] of Object.entries(expectations) as [ObjectiveConfig['kind'], Expected][]) {
    test(kind, () => {
      const objective = adversarialObjective({ kind });
      assert.equal(objective.kind, kind);
      assert.deepEqual(objective.histogramRange, expected.histogramRange);
      for (const target of [1, realTarget({ labelSmoothing: 0.1 })]) {
        const values = evaluate(() => {
          const scores = (v: number[]) => tf.tensor2d(v, [v.length, 1]);
          const parts = objective.discriminatorLoss(scores(realLogits), scores(fakeLogits), target);
          return { ...parts, generator: objective.generatorLoss(scores(fakeLogits)), displayed: objective.displayed(scores(realLogits)) };
        });
        const at = `${kind} with real target ${target}:`;
        assertClose(scalar(values, 'real'), expected.real(target), `${at} real part`);
        assertClose(scalar(values, 'fake'), expected.fake, `${at} fake part`);
        assertClose(scalar(values, 'total'), expected.real(target) + expected.fake, `${at} total`);
        assertClose(scalar(values, 'generator'), expected.generator, `${at} G loss`);
        values['displayed']!.forEach((value, i) => assertClose(value, expected.displayed(realLogits[i]!), `${at} displayed`));
      }
    });
  }

  test('label smoothing changes the real part only for the losses with labels', () => {
    const realPart = (kind: ObjectiveConfig['kind'], target: number) => scalar(evaluate(() => {
      const scores = tf.tensor2d(realLogits, [3, 1]);
      return { real: adversarialObjective({ kind }).discriminatorLoss(scores, tf.zerosLike(scores), target).real };
    }), 'real');
    for (const kind of ['minimax', 'non-saturating', 'least-squares'] as const) {
      assert.notEqual(realPart(kind, 0.9), realPart(kind, 1), kind);
    }
    for (const kind of ['wasserstein', 'hinge'] as const) assert.equal(realPart(kind, 0.9), realPart(kind, 1), kind);
  });

  test('the cross-entropy stays finite for saturated logits', () => {
    const values = evaluate(() => ({
      ...adversarialObjective({ kind: 'minimax' }).discriminatorLoss(tf.tensor2d([-100], [1, 1]), tf.tensor2d([100], [1, 1]), 1),
    }));
    assertClose(scalar(values, 'real'), 100, 'real part');
    assertClose(scalar(values, 'fake'), 100, 'fake part');
  });

  test('minimax G gradient vanishes when D confidently rejects fakes; non-saturating does not', () => {
    const slope = (kind: ObjectiveConfig['kind']) => scalar(evaluate(() => ({
      slope: tf.grad((logits: Tensor) => adversarialObjective({ kind }).generatorLoss(logits))(tf.tensor2d([-10], [1, 1])),
    })), 'slope');
    assertClose(slope('minimax'), -sigmoid(-10), 'minimax dL/dl');
    assert.ok(Math.abs(slope('minimax')) < 1e-4);
    assertClose(slope('non-saturating'), -sigmoid(10), 'non-saturating dL/dl');
    assert.ok(Math.abs(slope('non-saturating')) > 0.99);
  });
});

describe('gradient penalty', () => {
  const weights = [0.6, 0.8, 0.5];
  const weightNorm = norm(weights);
  const real = [[1, 0, 2], [0, 2, -1]];
  const fake = [[-1, 1, 0], [1, 1, 3]];
  const epsilon = [0.25, 0.5];

  test('a linear critic x·w has penalty λ(‖w‖ − 1)² and the analytic weight gradient (second order)', () => {
    const lambda = 10;
    const values = evaluate(() => {
      const w = tf.tensor2d(weights, [3, 1]);
      const penalty = (v: Tensor) => gradientPenalty((x) => tf.matMul(x, v), tf.tensor2d(real), tf.tensor2d(fake), tf.tensor2d(epsilon, [2, 1]), lambda);
      return { penalty: penalty(w), gradient: tf.grad(penalty)(w) };
    });
    assertClose(scalar(values, 'penalty'), lambda * (weightNorm - 1) ** 2, 'penalty');
    values['gradient']!.forEach((g, i) =>
      assertClose(g, 2 * lambda * (weightNorm - 1) * weights[i]! / weightNorm, `dP/dw[${i}]`));
  });

  test('trains through tf.variableGrads, as the training loop calls it', () => {
    const values = evaluate(() => {
      const w = tf.variable(tf.tensor2d(weights, [3, 1]));
      const { value, grads } = tf.variableGrads(() =>
        gradientPenalty((x) => tf.matMul(x, w), tf.tensor2d(real), tf.tensor2d(fake), tf.tensor2d(epsilon, [2, 1]), 1), [w]);
      const result = { value, gradient: grads[w.name]! };
      w.dispose();
      return result;
    });
    assertClose(scalar(values, 'value'), (weightNorm - 1) ** 2);
    assertClose(values['gradient']![1]!, 2 * (weightNorm - 1) * weights[1]! / weightNorm);
  });

  test('interpolates with ε per example: a quadratic critic Σx² has ‖∇‖ = 2‖x̂‖', () => {
    const interpolates = real.map((row, b) => row.map((v, j) => epsilon[b]! * v + (1 - epsilon[b]!) * fake[b]![j]!));
    const expected = mean(interpolates.map((x) => (2 * norm(x) - 1) ** 2));
    const values = evaluate(() => ({
      penalty: gradientPenalty((x) => tf.sum(tf.square(x), 1, true), tf.tensor2d(real), tf.tensor2d(fake), tf.tensor2d(epsilon, [2, 1]), 3),
    }));
    assertClose(scalar(values, 'penalty'), 3 * expected);
  });

  test('takes the norm over every non-batch axis of images, ε broadcast as [B,1,1,1]', () => {
    const image = (rows: number[][]) => tf.tensor4d(rows.flat(), [2, 1, 3, 1]);
    const interpolates = real.map((row, b) => row.map((v, j) => epsilon[b]! * v + (1 - epsilon[b]!) * fake[b]![j]!));
    const values = evaluate(() => ({
      penalty: gradientPenalty((x) => tf.reshape(tf.sum(tf.square(x), [1, 2, 3]), [-1, 1]),
        image(real), image(fake), tf.tensor4d(epsilon, [2, 1, 1, 1]), 1),
    }));
    assertClose(scalar(values, 'penalty'), mean(interpolates.map((x) => (2 * norm(x) - 1) ** 2)));
  });

  test('stays finite where the critic is flat', () => {
    const values = evaluate(() => {
      const w = tf.zeros([3, 1]);
      const penalty = (v: Tensor) => gradientPenalty((x) => tf.matMul(x, v), tf.tensor2d(real), tf.tensor2d(fake), tf.tensor2d(epsilon, [2, 1]), 1);
      return { penalty: penalty(w), gradient: tf.grad(penalty)(w) };
    });
    assertClose(scalar(values, 'penalty'), 1);
    assert.ok(values['gradient']!.every(Number.isFinite));
  });
});

describe('R1 penalty', () => {
  test('a linear critic has (γ/2)‖w‖² and weight gradient γ·w', () => {
    const weights = [0.6, -0.8, 2];
    const values = evaluate(() => {
      const penalty = (w: Tensor) => r1Penalty((x) => tf.matMul(x, w), tf.tensor2d([[1, 2, 3], [4, 5, 6]]), 4);
      const w = tf.tensor2d(weights, [3, 1]);
      return { penalty: penalty(w), gradient: tf.grad(penalty)(w) };
    });
    assertClose(scalar(values, 'penalty'), 2 * norm(weights) ** 2);
    values['gradient']!.forEach((g, i) => assertClose(g, 4 * weights[i]!, `dR1/dw[${i}]`));
  });

  test('a quadratic critic Σx² has (γ/2)·E[4‖x‖²] on the real data', () => {
    const real = [[1, 2], [-3, 0.5]];
    const values = evaluate(() => ({ penalty: r1Penalty((x) => tf.sum(tf.square(x), 1, true), tf.tensor2d(real), 10) }));
    assertClose(scalar(values, 'penalty'), 5 * mean(real.map((x) => 4 * norm(x) ** 2)));
  });
});

describe('instance noise and label smoothing', () => {
  test('σ anneals linearly to 0, is constant without annealing, and is 0 when off', () => {
    const annealed = { sigma: 0.2, annealSteps: 100 };
    [0.2, 0.15, 0.1, 0, 0].forEach((sigma, i) => assertClose(instanceNoiseSigma(annealed, [0, 25, 50, 100, 150][i]!), sigma));
    assert.equal(instanceNoiseSigma({ sigma: 0.3, annealSteps: 0 }, 1e6), 0.3);
    assert.equal(instanceNoiseSigma(undefined, 0), 0);
  });

  test('adds σ times the caller-drawn standard normal', () => {
    const values = evaluate(() => ({ noisy: addInstanceNoise(tf.tensor1d([1, -1, 0.5]), tf.tensor1d([0.5, 2, -1]), 0.1) }));
    [1.05, -0.8, 0.4].forEach((v, i) => assertClose(values['noisy']![i]!, v));
  });

  test('the real target is 1 − labelSmoothing', () => {
    assert.equal(realTarget({}), 1);
    assert.equal(realTarget({ labelSmoothing: 0.1 }), 0.9);
  });
});
