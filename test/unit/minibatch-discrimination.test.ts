import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { io, Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../src/core/backend/tf';
import { modelSchema, type ModelConfig } from '../../src/core/config/modelSchema';
import { buildModels, type DataShape } from '../../src/core/models';
import { closeness, minibatchDiscrimination, registerMinibatchDiscrimination } from '../../src/core/models/minibatchDiscrimination';
import { loadCheckpoint, saveCheckpoint } from '../../src/core/train/checkpoint';
import { Random } from '../../src/core/util/random';
import { assertNoLeak, useTestBackend } from './support/backend';
import { tempDir } from './support/training';

before(useTestBackend);

const [count, features, kernels, dims] = [5, 3, 2, 4];

/** The paper's formula written out with loops in float64, the referee for the layer. */
function naiveCloseness(x: Float64Array, kernel: Float64Array): Float64Array {
  const projected = new Float64Array(count * kernels * dims);
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < kernels * dims; k++) {
      for (let a = 0; a < features; a++) projected[i * kernels * dims + k]! += x[i * features + a]! * kernel[a * kernels * dims + k]!;
    }
  }
  const out = new Float64Array(count * kernels);
  for (let i = 0; i < count; i++) {
    for (let b = 0; b < kernels; b++) {
      let sum = 0;
      for (let j = 0; j < count; j++) {
        if (j === i) continue;
        let distance = 0;
        for (let c = 0; c < dims; c++) distance += Math.abs(projected[(i * kernels + b) * dims + c]! - projected[(j * kernels + b) * dims + c]!);
        sum += Math.exp(-distance);
      }
      out[i * kernels + b] = sum / (count - 1);
    }
  }
  return out;
}

const random = new Random(3);
const x = Float64Array.from(random.fillNormal(new Float32Array(count * features), 0, 0.5));
const kernel = Float64Array.from(random.fillNormal(new Float32Array(features * kernels * dims), 0, 0.5));
/** Fixed weights that turn the output into one number, so one gradient checks every output. */
const outputWeights = Float64Array.from(random.fillNormal(new Float32Array(count * kernels)));
const weighted = (values: Float64Array) => values.reduce((sum, value, i) => sum + value * outputWeights[i]!, 0);

test('the layer computes mean exp(−L1) closeness to the other examples, as the loops do', () => {
  const computed = assertNoLeak(() => tf.tidy(() =>
    closeness(tf.tensor2d(Float32Array.from(x), [count, features]), tf.tensor2d(Float32Array.from(kernel), [features, kernels * dims]), kernels, dims).dataSync()));
  const expected = naiveCloseness(x, kernel);
  expected.forEach((value, i) => assert.ok(Math.abs(computed[i]! - value) < 1e-5, `o[${i}] = ${computed[i]}, expected ${value}`));
  // Identical examples are at distance 0 from each other: closeness 1 for every kernel.
  const same = tf.tidy(() => closeness(tf.ones([4, features]), tf.tensor2d(Float32Array.from(kernel), [features, kernels * dims]), kernels, dims).dataSync());
  assert.deepEqual(Array.from(same, (v) => Math.round(v * 1e6) / 1e6), new Array<number>(4 * kernels).fill(1));
});

test('its gradients with respect to the features and to T match finite differences of the loops', () => {
  const [gradX, gradKernel] = assertNoLeak(() => tf.tidy(() => {
    const weights = tf.tensor2d(Float32Array.from(outputWeights), [count, kernels]);
    const loss = (input: Tensor, t: Tensor) => tf.sum(tf.mul(closeness(input, t, kernels, dims), weights));
    const [dx, dt] = tf.grads(loss)([tf.tensor2d(Float32Array.from(x), [count, features]), tf.tensor2d(Float32Array.from(kernel), [features, kernels * dims])]);
    return [dx!.dataSync(), dt!.dataSync()];
  }));
  const step = 1e-6;
  const check = (values: Float64Array, analytic: ArrayLike<number>, evaluate: (perturbed: Float64Array) => number, what: string) => {
    values.forEach((value, i) => {
      const up = Float64Array.from(values); up[i] = value + step;
      const down = Float64Array.from(values); down[i] = value - step;
      const numeric = (evaluate(up) - evaluate(down)) / (2 * step);
      assert.ok(Math.abs(analytic[i]! - numeric) < 1e-3 * Math.max(1, Math.abs(numeric)), `∂/∂${what}[${i}]: layer ${analytic[i]}, finite difference ${numeric}`);
    });
  };
  check(x, gradX, (perturbed) => weighted(naiveCloseness(perturbed, kernel)), 'x');
  check(kernel, gradKernel, (perturbed) => weighted(naiveCloseness(x, perturbed)), 'T');
});

const mbdModel = (kind: 'mlp' | 'dcgan'): ModelConfig => modelSchema.parse(kind === 'mlp'
  ? { kind, latentSize: 3, generator: { hidden: [8] }, discriminator: { hidden: [8], minibatchDiscrimination: { kernels: 3, dims: 2 } } }
  : { kind, latentSize: 3, generator: { channels: 2 }, discriminator: { channels: 2, minibatchDiscrimination: { kernels: 3, dims: 2 } } });
const points: DataShape = { kind: 'points', exampleShape: [2] };
const digits: DataShape = { kind: 'images', exampleShape: [28, 28, 1] };

test('MLP and DCGAN discriminators take it before their last layer: A·B·C weights more, one score per example', () => {
  for (const [kind, data, featureWidth] of [['mlp', points, 8], ['dcgan', digits, 7 * 7 * 4]] as const) {
    assertNoLeak(() => {
      const plain = buildModels({ ...mbdModel(kind), discriminator: { ...mbdModel(kind).discriminator, minibatchDiscrimination: undefined } } as ModelConfig, data, 1);
      const models = buildModels(mbdModel(kind), data, 1);
      // T (A × B·C), and the last layer reads B more inputs.
      assert.equal(models.discriminator.countParams() - plain.discriminator.countParams(), featureWidth * 3 * 2 + 3);
      const shape = tf.tidy(() => (models.discriminator.apply(tf.zeros([6, ...data.exampleShape])) as Tensor).shape);
      assert.deepEqual(shape, [6, 1]);
      plain.dispose();
      models.dispose();
    });
  }
});

/** Saves a model's topology and weights in memory and loads them back through TF.js's deserialiser. */
async function roundTrip(model: LayersModel): Promise<LayersModel> {
  let saved: io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  registerMinibatchDiscrimination();
  return tf.loadLayersModel(tf.io.fromMemory(saved!));
}

test('a model holding the layer serialises and loads again, computing the same outputs', async () => {
  const input = tf.input({ shape: [features] });
  const model = tf.model({ inputs: input, outputs: minibatchDiscrimination(input, { kernels, dims }, tf.initializers.randomNormal({ seed: 4 })) });
  const loaded = await roundTrip(model);
  const batch = tf.tensor2d(Float32Array.from(x), [count, features]);
  const [original, reloaded] = [model, loaded].map((m) => (m.predict(batch) as Tensor).dataSync());
  assert.deepEqual(Array.from(reloaded!), Array.from(original!));
  assert.equal(loaded.layers[1]!.getClassName(), 'GanStudioMinibatchDiscrimination');
  tf.dispose(batch);
  model.dispose();
  loaded.dispose();
});

test('a checkpoint restores T with the rest of the discriminator', async () => {
  const dir = tempDir();
  const config = mbdModel('mlp');
  const trained = buildModels(config, points, 1);
  const fresh = buildModels(config, points, 2);
  const optimizers = { generatorOptimizer: tf.train.adam(), discriminatorOptimizer: tf.train.adam() };
  const state = { step: 1, elapsedSeconds: 0, random: [1, 2, 3, 4], sampler: { epoch: 0, cursor: 0 } };
  const saved = await saveCheckpoint(dir, { networks: { generator: trained.generator, discriminator: trained.discriminator }, optimizers }, state, 1);
  await loadCheckpoint(saved, { networks: { generator: fresh.generator, discriminator: fresh.discriminator } });
  const batch = tf.tensor2d(random.fillNormal(new Float32Array(12)), [6, 2]);
  const [expected, restored] = [trained, fresh].map((m) => (m.discriminator.predict(batch) as Tensor).dataSync());
  assert.deepEqual(Array.from(restored!), Array.from(expected!));
  tf.dispose(batch);
  [trained, fresh].forEach((m) => m.dispose());
  Object.values(optimizers).forEach((o) => o.dispose());
});
