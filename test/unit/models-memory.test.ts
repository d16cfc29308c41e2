import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { modelSchema, type ModelConfig } from '../../src/core/config/modelSchema';
import { trainingSchema } from '../../src/core/config/trainingSchema';
import { buildModels, type DataShape } from '../../src/core/models';
import { networkSizes, trainingMemory, type NetworkSize } from '../../src/core/models/memoryEstimate';
import { useTestBackend } from './support/backend';

before(useTestBackend);

const ten = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const points: DataShape = { kind: 'points', exampleShape: [2], classNames: ['a', 'b', 'c', 'd'] };
const images = (size: number, channels: number): DataShape => ({ kind: 'images', exampleShape: [size, size, channels], classNames: ten });

/** Models as users configure them: every architecture, width, normalisation and variant the builders know. */
const models: readonly [string, object, DataShape][] = [
  ['mlp, defaults, points', { kind: 'mlp' }, points],
  ['mlp, batch norm on both, images', { kind: 'mlp', generator: { hidden: [64, 32], batchNorm: true }, discriminator: { hidden: [48, 24, 12], batchNorm: true } }, images(28, 1)],
  ['mlp, conditional concat', { kind: 'mlp', conditional: { discriminator: 'concat', embeddingSize: 5 } }, points],
  ['mlp, conditional projection + minibatch discrimination', { kind: 'mlp', conditional: {}, discriminator: { minibatchDiscrimination: { kernels: 7, dims: 3 } } }, images(8, 3)],
  ['mlp, infogan with a linear head', { kind: 'mlp', infogan: { categorical: [10, 3], continuous: [{}, {}], headHidden: 0 } }, points],
  ['dcgan 28, defaults', { kind: 'dcgan' }, images(28, 1)],
  ['dcgan 32 rgb, no batch norm, odd channels', { kind: 'dcgan', latentSize: 17, generator: { channels: 5, batchNorm: false }, discriminator: { channels: 7, batchNorm: false } }, images(32, 3)],
  ['dcgan 64, conditional concat', { kind: 'dcgan', generator: { channels: 8 }, discriminator: { channels: 8 }, conditional: { discriminator: 'concat' } }, images(64, 3)],
  ['dcgan 28, conditional projection, minibatch discrimination', { kind: 'dcgan', generator: { channels: 8 }, discriminator: { channels: 8, minibatchDiscrimination: {} }, conditional: {} }, images(28, 1)],
  ['mlp, packed (PacGAN 3), conditional concat', { kind: 'mlp', conditional: { discriminator: 'concat' }, discriminator: { packing: 3 } }, points],
  ['dcgan 32 rgb, packed (PacGAN 2), conditional projection', { kind: 'dcgan', generator: { channels: 8 }, discriminator: { channels: 8, packing: 2 }, conditional: {} }, images(32, 3)],
  ['dcgan 28, infogan', { kind: 'dcgan', generator: { channels: 8 }, discriminator: { channels: 8 }, infogan: { continuous: [{}] } }, images(28, 1)],
  ['mlp, spectral norm, conditional projection + minibatch discrimination', { kind: 'mlp', conditional: {}, discriminator: { spectralNorm: true, minibatchDiscrimination: { kernels: 5, dims: 2 } } }, images(8, 1)],
  ['dcgan 28, spectral norm, packed', { kind: 'dcgan', generator: { channels: 8 }, discriminator: { channels: 8, batchNorm: false, spectralNorm: true, packing: 2 } }, images(28, 1)],
];

const weightCount = (model: LayersModel, trainable: boolean) =>
  (trainable ? model.trainableWeights : model.weights).reduce((sum, weight) => sum + weight.shape.reduce<number>((a, b) => a * (b ?? 0), 1), 0);

function assertMatches(estimate: NetworkSize | undefined, model: LayersModel, what: string): void {
  assert.ok(estimate, `${what} is estimated`);
  assert.equal(estimate.parameters, model.countParams(), `${what}: all parameters`);
  assert.equal(estimate.trainable, weightCount(model, true), `${what}: trainable parameters`);
}

for (const [name, config, data] of models) {
  test(`parameter counts match the built networks: ${name}`, () => {
    const model: ModelConfig = modelSchema.parse(config);
    const built = buildModels(model, data, 1);
    try {
      const sizes = networkSizes(model, { exampleShape: data.exampleShape, classCount: data.classNames?.length ?? 0 });
      assertMatches(sizes.generator, built.generator, 'generator');
      // D's own weights: the two-output InfoGAN model also holds Q's, which the estimate counts apart.
      assertMatches(sizes.discriminator, built.discriminator, 'discriminator');
      if (built.info) assertMatches(sizes.qHead, built.info.qHead, 'Q head');
      else assert.equal(sizes.qHead, undefined);
    } finally {
      built.dispose();
    }
  });
}

test('the training estimate adds gradients, optimizer slots, the EMA copy and activations that grow with the batch', () => {
  const model = modelSchema.parse({ kind: 'dcgan' });
  const geometry = { exampleShape: [28, 28, 1], classCount: 0 };
  const { generator, discriminator } = networkSizes(model, geometry);
  const adam = trainingSchema.parse({ batchSize: 64 });
  const small = trainingMemory(model, adam, geometry);
  assert.equal(small.weights, 4 * (generator.parameters + discriminator.parameters));
  assert.equal(small.gradients, 4 * (generator.trainable + discriminator.trainable));
  assert.equal(small.optimizer, 2 * small.gradients, 'Adam keeps two slots per trainable weight');
  assert.equal(small.total, small.weights + small.gradients + small.optimizer + small.activations);

  const sgd = trainingMemory(model, trainingSchema.parse({ batchSize: 64, generatorOptimizer: { kind: 'sgd', momentum: 0 }, discriminatorOptimizer: { kind: 'sgd', momentum: 0 } }), geometry);
  assert.equal(sgd.optimizer, 0, 'plain SGD keeps none');
  const ema = trainingMemory(model, trainingSchema.parse({ batchSize: 64, generatorEma: {} }), geometry);
  assert.equal(ema.weights, small.weights + 4 * generator.parameters);

  const big = trainingMemory(model, trainingSchema.parse({ batchSize: 4096 }), geometry);
  assert.equal(big.activations, small.activations * 64, 'activations are per example');
  assert.equal(big.weights, small.weights);
});

test('minibatch discrimination compares every pair of a batch: its memory grows with the batch squared', () => {
  const geometry = { exampleShape: [2], classCount: 0 };
  const plain = modelSchema.parse({ kind: 'mlp' });
  const mbd = modelSchema.parse({ kind: 'mlp', discriminator: { minibatchDiscrimination: { kernels: 16, dims: 8 } } });
  const at = (model: ModelConfig, batchSize: number) => trainingMemory(model, trainingSchema.parse({ batchSize }), geometry).activations;
  const pairwise = (batchSize: number) => at(mbd, batchSize) - at(plain, batchSize);
  assert.ok(pairwise(1024) > 4 * 2 * 1024 * 1024 * 16 * 8 * 0.99, `${pairwise(1024)} bytes at batch 1024`);
  assert.ok(pairwise(2048) > 3.9 * pairwise(1024));
});

test('the DCGAN of the issue (1024 channels per network, 64×64, batch 4096) needs hundreds of GiB', () => {
  const model = modelSchema.parse({ kind: 'dcgan', generator: { channels: 1024 }, discriminator: { channels: 1024 } });
  const estimate = trainingMemory(model, trainingSchema.parse({ batchSize: 4096 }), { exampleShape: [64, 64, 3], classCount: 0 });
  assert.ok(estimate.total > 200 * 2 ** 30, `${estimate.total / 2 ** 30} GiB`);
  assert.ok(estimate.weights > 5 * 2 ** 30, 'about 1.4 billion weights');
});
