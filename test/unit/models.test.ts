import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../src/core/backend/tf';
import { activationNames, modelSchema, type ActivationName, type ModelConfig } from '../../src/core/config/modelSchema';
import { buildModels, type DataShape, type GanModels } from '../../src/core/models';
import { activate } from '../../src/core/models/layers';
import { oneHot } from '../../src/core/models/latent';
import { adversarialObjective, gradientPenalty } from '../../src/core/objectives';
import { Random } from '../../src/core/util/random';
import { assertNoLeak, useTestBackend } from './support/backend';

before(useTestBackend);

const points: DataShape = { kind: 'points', exampleShape: [2] };
const images = (size: number, channels: number): DataShape => ({ kind: 'images', exampleShape: [size, size, channels] });
const mlp = (extra: object = {}): ModelConfig => modelSchema.parse({ kind: 'mlp', latentSize: 3, ...extra });
const dcgan = (extra: object = {}): ModelConfig => modelSchema.parse({
  kind: 'dcgan', latentSize: 8, generator: { channels: 4 }, discriminator: { channels: 4 }, ...extra,
});

/** Builds, runs `body`, and disposes, proving the models' weights are all released. */
function withModels<T>(config: ModelConfig, data: DataShape, seed: number, body: (models: GanModels) => T): T {
  return assertNoLeak(() => {
    const models = buildModels(config, data, seed);
    try {
      return body(models);
    } finally {
      models.dispose();
    }
  });
}

function normal(random: Random, shape: number[], std = 1): Tensor {
  return tf.tensor(random.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), 0, std), shape);
}

function run(model: LayersModel, input: Tensor, training = false): Tensor {
  return model.apply(input, { training }) as Tensor;
}

function weightValues(model: LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

describe('output shapes', () => {
  const cases: [string, ModelConfig, DataShape][] = [
    ['MLP on points', mlp(), points],
    ['MLP on 28×28×1 images', mlp(), images(28, 1)],
    ['DCGAN 28×28×1', dcgan(), images(28, 1)],
    ['DCGAN 32×32×3', dcgan(), images(32, 3)],
    ['DCGAN 64×64×1', dcgan(), images(64, 1)],
  ];
  for (const [name, config, data] of cases) {
    test(name, () => withModels(config, data, 7, (models) => {
      assert.deepEqual(models.sampleShape, data.exampleShape);
      assert.equal(models.latentSize, config.latentSize);
      const shapes = tf.tidy(() => {
        const samples = run(models.generator, normal(new Random(1), [2, models.latentSize]));
        return [samples.shape, run(models.discriminator, samples).shape];
      });
      assert.deepEqual(shapes, [[2, ...data.exampleShape], [2, 1]]);
    }));
  }

  test('DCGAN refuses points and sizes it has no architecture for', () => {
    assert.throws(() => buildModels(dcgan(), points, 1), /DCGAN needs image data/);
    assert.throws(() => buildModels(dcgan(), images(48, 1), 1), /does not fit data of shape \[48, 48, 1\]/);
    assert.throws(() => buildModels(dcgan({ imageSize: 32 }), images(28, 1), 1), /DCGAN image size 32/);
  });
});

describe('parameter counts', () => {
  test('MLP: dense layers, no bias before batch norm, batch norm never first in D', () => {
    const config = mlp({ latentSize: 2, generator: { hidden: [4] }, discriminator: { hidden: [4, 3] } });
    withModels(config, points, 1, ({ generator, discriminator }) => {
      assert.equal(generator.countParams(), (2 * 4 + 4) + (4 * 2 + 2));
      assert.equal(discriminator.countParams(), (2 * 4 + 4) + (4 * 3 + 3) + (3 + 1));
    });
    const normalized = mlp({ latentSize: 2, generator: { hidden: [4], batchNorm: true }, discriminator: { hidden: [4, 3], batchNorm: true } });
    withModels(normalized, points, 1, ({ generator, discriminator }) => {
      // Batch norm holds γ, β and the moving mean and variance: 4 per unit.
      assert.equal(generator.countParams(), 2 * 4 + 4 * 4 + (4 * 2 + 2));
      assert.equal(discriminator.countParams(), (2 * 4 + 4) + (4 * 3 + 4 * 3) + (3 + 1));
    });
  });

  test('DCGAN 28×28×1 with channel base 4: 7×7×8 → 14×14×4 → 28×28×1 and back', () => {
    withModels(dcgan(), images(28, 1), 1, ({ generator, discriminator }) => {
      const kernel = 4 * 4;
      assert.equal(generator.countParams(),
        8 * 7 * 7 * 8 + 4 * 8 + kernel * 8 * 4 + 4 * 4 + kernel * 4 * 1 + 1);
      assert.equal(discriminator.countParams(),
        kernel * 1 * 4 + 4 + kernel * 4 * 8 + 4 * 8 + 7 * 7 * 8 + 1);
    });
  });
});

describe('seeded initial weights', () => {
  for (const [name, config, data] of [['MLP', mlp(), points], ['DCGAN', dcgan(), images(28, 1)]] as const) {
    test(`${name}: the same seed gives identical weights, another seed different ones`, () => {
      const weights = (seed: number) => withModels(config, data, seed, (m) => [weightValues(m.generator), weightValues(m.discriminator)]);
      assert.deepEqual(weights(42), weights(42));
      const [generator, discriminator] = weights(42);
      const [otherGenerator, otherDiscriminator] = weights(43);
      assert.notDeepEqual(otherGenerator, generator);
      assert.notDeepEqual(otherDiscriminator, discriminator);
    });
  }

  test('resizing one network leaves the other\'s initial weights unchanged', () => {
    const weights = (config: ModelConfig) => withModels(config, points, 5, (m) => [weightValues(m.generator), weightValues(m.discriminator)]);
    const [generator, discriminator] = weights(mlp());
    assert.deepEqual(weights(mlp({ generator: { hidden: [16, 8] } }))[1], discriminator);
    assert.deepEqual(weights(mlp({ discriminator: { hidden: [32, 8] } }))[0], generator);
  });
});

test('each configured activation computes its function (leaky ReLU with α = 0.2)', () => {
  const inputs = [-2, -0.5, 0, 1.5];
  const elu = (x: number) => (x > 0 ? x : Math.expm1(x));
  const expected: Record<ActivationName, (x: number) => number> = {
    relu: (x) => Math.max(0, x),
    leakyRelu: (x) => (x > 0 ? x : 0.2 * x),
    elu,
    selu: (x) => 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * Math.expm1(x)),
    tanh: Math.tanh,
    sigmoid: (x) => 1 / (1 + Math.exp(-x)),
    linear: (x) => x,
  };
  for (const name of activationNames) {
    const input = tf.input({ shape: [inputs.length] });
    const model = tf.model({ inputs: input, outputs: activate(name, input) });
    const outputs = tf.tidy(() => run(model, tf.tensor2d([inputs])).dataSync());
    outputs.forEach((value, i) => assert.ok(Math.abs(value - expected[name](inputs[i]!)) < 1e-5, `${name}(${inputs[i]}) = ${value}`));
  }
});

test('image generators end in tanh: outputs stay within [−1, 1] even with huge weights', () => {
  for (const [config, data] of [[mlp(), images(28, 1)], [dcgan(), images(32, 3)]] as const) {
    withModels(config, data, 3, ({ generator, latentSize }) => {
      const values = tf.tidy(() => {
        // Initial outputs are near 0; scaled-up weights push the last layer into saturation.
        generator.setWeights(generator.getWeights().map((w) => tf.mul(w, 100)));
        return run(generator, normal(new Random(2), [4, latentSize])).dataSync();
      });
      assert.ok(values.every((v) => v >= -1 && v <= 1), `${config.kind} output outside [−1, 1]`);
      assert.ok(values.some((v) => Math.abs(v) > 0.99), `${config.kind} output never saturates`);
    });
  }
});

test('an MLP discriminator learns to separate a cloud from a ring around it, leaking nothing per step', () => {
  const random = new Random(11);
  const count = 128;
  const cloud = tf.tensor2d(random.fillNormal(new Float32Array(count * 2), 0, 0.3), [count, 2]);
  const ring = tf.tensor2d(Array.from({ length: count }, () => {
    const angle = 2 * Math.PI * random.float();
    return [1.5 * Math.cos(angle), 1.5 * Math.sin(angle)];
  }).flat(), [count, 2]);
  const objective = adversarialObjective({ kind: 'non-saturating' });
  const config = mlp({ discriminator: { hidden: [32, 32] } });
  withModels(config, points, 9, ({ discriminator }) => {
    const optimizer = tf.train.adam(0.01);
    const tensorCounts: number[] = [];
    for (let step = 0; step < 200; step++) {
      tf.tidy(() => {
        optimizer.minimize(() => objective.discriminatorLoss(run(discriminator, cloud, true), run(discriminator, ring, true), 1).total);
      });
      tensorCounts.push(tf.memory().numTensors);
    }
    // Adam creates its moment variables on the first step; after that nothing may accumulate.
    assert.ok(tensorCounts.slice(1).every((n) => n === tensorCounts[1]), `tensor count drifted: ${tensorCounts[1]} → ${tensorCounts.at(-1)}`);
    const correct = tf.tidy(() => {
      const realRight = tf.sum(tf.cast(tf.greater(run(discriminator, cloud), 0), 'float32'));
      const fakeRight = tf.sum(tf.cast(tf.less(run(discriminator, ring), 0), 'float32'));
      return tf.add(realRight, fakeRight).dataSync()[0]!;
    });
    assert.ok(correct / (2 * count) > 0.95, `accuracy ${correct / (2 * count)}`);
    optimizer.dispose();
  });
  cloud.dispose();
  ring.dispose();
});

/** Every trainable weight of `model` gets a finite, not-all-zero gradient from `loss`. */
function assertGradientsReach(model: LayersModel, loss: () => Tensor, what: string): void {
  tf.tidy(() => {
    const { grads } = tf.variableGrads(() => tf.sum(loss()));
    for (const weight of model.trainableWeights) {
      const gradient = grads[weight.name];
      assert.ok(gradient, `${what}: no gradient for ${weight.name}`);
      assert.deepEqual(gradient.shape, weight.shape);
      const values = gradient.dataSync();
      assert.ok(values.every(Number.isFinite), `${what}: non-finite gradient for ${weight.name}`);
      assert.ok(values.some((v) => v !== 0), `${what}: zero gradient for ${weight.name}`);
    }
  });
}

test('DCGAN generator and discriminator train on wasm, the critic also through a gradient penalty', () => {
  withModels(dcgan(), images(28, 1), 4, ({ generator, discriminator, latentSize }) => {
    const random = new Random(6);
    // Cross-entropy rather than a critic loss, under which D's output bias gets no gradient at all.
    const objective = adversarialObjective({ kind: 'non-saturating' });
    const real = tf.tidy(() => tf.tanh(normal(random, [2, 28, 28, 1])));
    const z = normal(random, [2, latentSize]);
    const epsilon = tf.tensor4d([0.3, 0.8], [2, 1, 1, 1]);
    const critic = (x: Tensor) => run(discriminator, x, true);
    assertGradientsReach(discriminator, () => {
      const fake = run(generator, z, true);
      return tf.add(objective.discriminatorLoss(critic(real), critic(fake), 1).total, gradientPenalty(critic, real, fake, epsilon, 10));
    }, 'discriminator');
    assertGradientsReach(generator, () => objective.generatorLoss(critic(run(generator, z, true))), 'generator');
    tf.dispose([real, z, epsilon]);
  });
});

describe('conditional GAN and InfoGAN networks', () => {
  const classes = (count: number): DataShape => ({ kind: 'points', exampleShape: [2], classNames: Array.from({ length: count }, (_, i) => `c${i}`) });
  const oneHotRows = (labels: number[], width: number) => tf.tensor2d(oneHot(labels, width), [labels.length, width]);

  for (const discriminator of ['concat', 'projection'] as const) {
    test(`conditional MLP (${discriminator}): G takes [z, one-hot label], D takes [x, label]; the label changes both`, () => {
      withModels(mlp({ conditional: { embeddingSize: 4, discriminator } }), classes(3), 2, ({ generator, discriminator: d, latent }) => {
        assert.deepEqual(latent.classes?.names, ['c0', 'c1', 'c2']);
        assert.deepEqual(generator.inputs.map((input) => input.shape), [[null, 3], [null, 3]]);
        assert.deepEqual(d.inputs.map((input) => input.shape), [[null, 2], [null, 3]]);
        const [samplesByLabel, scoresByLabel] = tf.tidy(() => {
          const z = tf.tile(normal(new Random(1), [1, 3]), [3, 1]);
          const labels = oneHotRows([0, 1, 2], 3);
          const samples = generator.apply([z, labels]) as Tensor;
          const x = tf.tile(tf.tensor2d([[0.3, -0.2]]), [3, 1]);
          return [samples.arraySync() as number[][], (d.apply([x, labels]) as Tensor).dataSync()];
        });
        assert.notDeepEqual(samplesByLabel[0], samplesByLabel[1], 'the same z with another label gives another sample');
        assert.notEqual(scoresByLabel[0], scoresByLabel[2], 'the same x with another label gets another score');
      });
    });
  }

  test('conditional DCGAN with concat: the label is tiled into extra input channels of D', () => {
    const config = dcgan({ conditional: { discriminator: 'concat' } });
    withModels(config, { ...images(28, 1), classNames: ['a', 'b'] }, 3, ({ generator, discriminator }) => {
      const shapes = tf.tidy(() => {
        const labels = oneHotRows([0, 1], 2);
        const samples = generator.apply([normal(new Random(1), [2, 8]), labels]) as Tensor;
        return [samples.shape, (discriminator.apply([samples, labels]) as Tensor).shape];
      });
      assert.deepEqual(shapes, [[2, 28, 28, 1], [2, 1]]);
      // The first convolution reads 1 image channel + 2 label channels.
      const firstConv = discriminator.layers.find((layer) => layer.getClassName() === 'Conv2D')!;
      assert.deepEqual(firstConv.getWeights()[0]!.shape, [4, 4, 3, 4]);
    });
  });

  test('InfoGAN: G takes [z, codes]; Q shares D\'s trunk and outputs logits, means and log-stds', () => {
    const config = mlp({ discriminator: { hidden: [6, 5] }, infogan: { categorical: [4, 3], continuous: [{}, { min: 0, max: 2 }], headHidden: 7 } });
    withModels(config, points, 4, ({ generator, discriminator, info }) => {
      assert.ok(info);
      assert.deepEqual(generator.inputs.map((input) => input.shape), [[null, 3], [null, 4 + 3 + 2]]);
      const shapes = tf.tidy(() => {
        const [scores, parameters] = info.scoreAndCodes.apply(normal(new Random(2), [5, 2])) as Tensor[];
        return [scores!.shape, parameters!.shape];
      });
      assert.deepEqual(shapes, [[5, 1], [5, 4 + 3 + 2 * 2]]);
      // The two-output model holds D's variables and the Q head's, nothing else: the trunk is shared.
      const names = (model: LayersModel) => model.trainableWeights.map((weight) => weight.originalName);
      assert.deepEqual(new Set(names(info.scoreAndCodes)), new Set([...names(discriminator), ...names(info.qHead)]));
      assert.equal(info.qHead.countParams(), (5 * 7 + 7) + (7 * 11 + 11));
    });
  });
});
