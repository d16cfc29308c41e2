import type { ModelConfig } from '../config/modelSchema';
import type { OptimizerConfig, TrainingConfig } from '../config/trainingSchema';
import { networkShape } from '../networks/shapes';
import { Tally, type DataGeometry, type NetworkSize } from '../networks/tally';
import { codeLayout } from './codeLayout';

export type { DataGeometry, NetworkSize } from '../networks/tally';

/**
 * How much memory training a model takes, from its config alone: the networks are never built
 * (building a 1.4-billion-weight DCGAN to find out is what must be avoided). Each network kind
 * counts its layers as its builder makes them (src/core/networks/<kind>/shape.ts); test/unit/models-memory.test.ts holds them to the built
 * networks' parameter counts.
 *
 * It is a lower bound: each step holds at least the weights, one gradient per trainable weight,
 * the optimizer's slots, and every layer's output for the batch (G's, and D's on the real and on the
 * generated batch) until the backward pass has used them. Backward temporaries, penalties and the
 * backend's own overhead come on top, so a model refused by this estimate cannot train.
 */

export interface NetworkSizes {
  readonly generator: NetworkSize;
  readonly discriminator: NetworkSize;
  /** InfoGAN's Q head, when there is one. */
  readonly qHead?: NetworkSize;
}

/** Bytes, by what holds them; `total` is their sum. */
export interface MemoryEstimate {
  readonly weights: number;
  readonly gradients: number;
  readonly optimizer: number;
  readonly activations: number;
  readonly total: number;
}

const FLOAT_BYTES = 4;

/** Parameter and activation counts of the generator, the discriminator and the Q head. */
export function networkSizes(model: ModelConfig, data: DataGeometry): NetworkSizes {
  const classes = model.conditional ? data.classCount : 0;
  const generator = new Tally();
  // The generator's input: z, joined with a label embedding (a bias-free dense layer) or with the InfoGAN codes.
  let inputWidth = model.latentSize;
  if (model.conditional) {
    generator.layer(classes * model.conditional.embeddingSize, model.conditional.embeddingSize, false, model.conditional.embeddingSize);
    inputWidth += model.conditional.embeddingSize;
  } else if (model.infogan) {
    inputWidth += codeLayout(model.infogan).width;
  }
  const discriminator = new Tally(model.discriminator.spectralNorm ?? false);
  const labelChannels = model.conditional?.discriminator === 'concat' ? classes : 0;
  const features = networkShape(model).sizes(model, data, inputWidth, labelChannels, generator, discriminator);

  const mbd = model.discriminator.minibatchDiscrimination;
  const projected = mbd ? mbd.kernels * mbd.dims : 0;
  if (mbd) {
    discriminator.layer(features * projected, projected, false, projected + features + mbd.kernels, false);
    discriminator.pairwise += projected;
  }
  discriminator.layer((features + (mbd?.kernels ?? 0)), 1, true, 1);
  // A packed D's label input holds each example's label of the pack.
  const packing = model.discriminator.packing ?? 1;
  if (model.conditional?.discriminator === 'projection') discriminator.layer(classes * packing * features, features, false, features + 1);

  // A packed D runs once per m examples: per example, its activations are a pack's over m, its pairs a pack pair's over m².
  const perPack = discriminator.size();
  const perExample = { ...perPack, activations: perPack.activations / packing, pairwise: perPack.pairwise / packing ** 2 };
  if (!model.infogan) return { generator: generator.size(), discriminator: perExample };
  const { parameterWidth } = codeLayout(model.infogan);
  const hidden = model.infogan.headHidden;
  const qHead = new Tally();
  if (hidden > 0) qHead.layer(features * hidden, hidden, true, hidden).activation('leakyRelu', hidden);
  qHead.layer((hidden > 0 ? hidden : features) * parameterWidth, parameterWidth, true, parameterWidth);
  return { generator: generator.size(), discriminator: perExample, qHead: qHead.size() };
}

/** Values an optimizer keeps per trainable weight (TF.js's implementations). */
function optimizerSlots(optimizer: OptimizerConfig): number {
  switch (optimizer.kind) {
    case 'adam': return 2; // first and second moments
    case 'rmsprop': return 2; // mean square and momentum accumulators
    case 'sgd': return optimizer.momentum > 0 ? 1 : 0;
  }
}

/** The memory one training step needs at least, at `training.batchSize` unless `batchSize` is given. */
export function trainingMemory(model: ModelConfig, training: TrainingConfig, data: DataGeometry, batchSize = training.batchSize): MemoryEstimate {
  const { generator, discriminator, qHead } = networkSizes(model, data);
  const critic = { parameters: discriminator.parameters + (qHead?.parameters ?? 0), trainable: discriminator.trainable + (qHead?.trainable ?? 0) };
  const emaCopy = training.generatorEma ? generator.parameters : 0;
  const weights = FLOAT_BYTES * (generator.parameters + emaCopy + critic.parameters);
  const gradients = FLOAT_BYTES * (generator.trainable + critic.trainable);
  const optimizer = FLOAT_BYTES * (optimizerSlots(training.generatorOptimizer) * generator.trainable
    + optimizerSlots(training.discriminatorOptimizer) * critic.trainable);
  // A discriminator step runs G once and D on the real and on the generated batch, each separately.
  const perExample = generator.activations + 2 * discriminator.activations;
  const activations = FLOAT_BYTES * (batchSize * perExample + 2 * batchSize * batchSize * discriminator.pairwise);
  return { weights, gradients, optimizer, activations, total: weights + gradients + optimizer + activations };
}
