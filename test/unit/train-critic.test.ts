import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import { buildModels } from '../../src/core/models';
import { gradientPenalty } from '../../src/core/objectives/gradientPenalty';
import { adversarialObjective } from '../../src/core/objectives/adversarial';
import { applyGradients } from '../../src/core/optim/gradients';
import { Random } from '../../src/core/util/random';
import { useTestBackend } from './support/backend';

test('a gradient-penalised critic learns the Wasserstein-1 distance between two point clouds', async () => {
  await useTestBackend();
  const models = buildModels({
    kind: 'mlp', latentSize: 2,
    generator: { hidden: [4], activation: 'relu', batchNorm: false },
    discriminator: { hidden: [64, 64], activation: 'leakyRelu', batchNorm: false },
  }, { kind: 'points', exampleShape: [2] }, 1);
  const critic = (x: Tensor) => models.discriminator.apply(x, { training: true }) as Tensor;
  const variables = models.discriminator.trainableWeights.map((weight) => weight.read() as Variable);
  const objective = adversarialObjective({ kind: 'wasserstein' });
  const optimizer = tf.train.adam(1e-3, 0.5, 0.9);
  const random = new Random(3);
  // Two tight clouds one unit apart: W1 = 1, which a 1-Lipschitz critic attains as E[D(real)] − E[D(fake)].
  const cloud = (x: number) => tf.add(tf.mul(tf.tensor(random.fillNormal(new Float32Array(256)), [128, 2]), 0.01), tf.tensor([[x, 0]]));
  const estimates: number[] = [];
  for (let step = 0; step < 300; step++) {
    estimates.push(tf.tidy(() => {
      const real = cloud(0.5);
      const fake = cloud(-0.5);
      const epsilon = tf.tensor(random.fillUniform(new Float32Array(128)), [128, 1]);
      let distance = 0;
      const { loss, norm } = applyGradients(optimizer, () => {
        const parts = objective.discriminatorLoss(critic(real), critic(fake), 1);
        distance = -parts.total.dataSync()[0]!;
        return tf.add(parts.total, gradientPenalty(critic, real, fake, epsilon, 10)) as Scalar;
      }, variables);
      tf.dispose([loss, norm]);
      return distance;
    }));
  }
  const final = estimates.slice(-20).reduce((a, b) => a + b, 0) / 20;
  assert.ok(estimates[0]! < 0.2, `an untrained critic does not separate the clouds: ${estimates[0]}`);
  assert.ok(Math.abs(final - 1) < 0.1, `critic's estimate of W1 = 1 after training: ${final.toFixed(3)}`);
  models.dispose();
  optimizer.dispose();
});
