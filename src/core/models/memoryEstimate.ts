import type { ActivationName, ModelConfig } from '../config/modelSchema';
import type { OptimizerConfig, TrainingConfig } from '../config/trainingSchema';
import { codeLayout } from './codeLayout';
import { channelsAt, DCGAN_KERNEL_SIZE, DCGAN_LEVELS_BY_SIZE } from './dcganGeometry';

/**
 * How much memory training a model takes, from its config alone: the networks are never built
 * (building a 1.4-billion-weight DCGAN to find out is what must be avoided). Counts follow the
 * builders in this folder layer by layer; test/unit/models-memory.test.ts holds them to the built
 * networks' parameter counts.
 *
 * It is a lower bound: each step holds at least the weights, one gradient per trainable weight,
 * the optimizer's slots, and every layer's output for the batch (G's, and D's on the real and on the
 * generated batch) until the backward pass has used them. Backward temporaries, penalties and the
 * backend's own overhead come on top, so a model refused by this estimate cannot train.
 */

/** What the estimate needs of the data: one example's shape, and its class count (0 when unknown). */
export interface DataGeometry {
  readonly exampleShape: readonly number[];
  readonly classCount: number;
}

export interface NetworkSize {
  /** Every weight, batch-norm moving statistics included (what `countParams()` reports). */
  readonly parameters: number;
  /** The weights an optimizer updates. */
  readonly trainable: number;
  /** Values of the layer outputs one example produces in a forward pass. */
  readonly activations: number;
  /** Values produced per pair of examples (minibatch discrimination compares every pair of a batch). */
  readonly pairwise: number;
}

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

/** Counts a network layer by layer, in the order its builder makes the layers. */
class Tally {
  parameters = 0;
  trainable = 0;
  activations = 0;
  pairwise = 0;

  /** A dense layer or a convolution: `weights` values plus an optional bias, producing `outputs` values. */
  layer(weights: number, biases: number, useBias: boolean, outputs: number): this {
    const count = weights + (useBias ? biases : 0);
    this.parameters += count;
    this.trainable += count;
    this.activations += outputs;
    return this;
  }

  /** Batch norm: γ and β are trained, the moving mean and variance are not. */
  batchNorm(channels: number, outputs: number): this {
    this.parameters += 4 * channels;
    this.trainable += 2 * channels;
    this.activations += outputs;
    return this;
  }

  activation(name: ActivationName, outputs: number): this {
    if (name !== 'linear') this.activations += outputs;
    return this;
  }

  /** Optional batch norm, then the activation: the tail both architectures share. */
  normalizeAndActivate(useBatchNorm: boolean, name: ActivationName, channels: number, outputs: number): this {
    if (useBatchNorm) this.batchNorm(channels, outputs);
    return this.activation(name, outputs);
  }

  size(): NetworkSize {
    return { parameters: this.parameters, trainable: this.trainable, activations: this.activations, pairwise: this.pairwise };
  }
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Parameter and activation counts of the generator, the discriminator and the Q head. */
export function networkSizes(model: ModelConfig, data: DataGeometry): NetworkSizes {
  const classes = model.conditional ? data.classCount : 0;
  const generator = new Tally();
  // The generator's input: z, joined with a label embedding (a bias-free dense layer) or with the InfoGAN codes.
  let inputWidth = model.latentSize;
  if (model.conditional) {
    generator.layer(classes * model.conditional.embeddingSize, 0, false, model.conditional.embeddingSize);
    inputWidth += model.conditional.embeddingSize;
  } else if (model.infogan) {
    inputWidth += codeLayout(model.infogan).width;
  }
  const discriminator = new Tally();
  const labelChannels = model.conditional?.discriminator === 'concat' ? classes : 0;
  const features = model.kind === 'mlp'
    ? mlpSizes(model, data, inputWidth, labelChannels, generator, discriminator)
    : dcganSizes(model, data, inputWidth, labelChannels, generator, discriminator);

  const mbd = model.discriminator.minibatchDiscrimination;
  const projected = mbd ? mbd.kernels * mbd.dims : 0;
  if (mbd) {
    discriminator.layer(features * projected, 0, false, projected + features + mbd.kernels);
    discriminator.pairwise += projected;
  }
  discriminator.layer((features + (mbd?.kernels ?? 0)), 1, true, 1);
  if (model.conditional?.discriminator === 'projection') discriminator.layer(classes * features, 0, false, features + 1);

  if (!model.infogan) return { generator: generator.size(), discriminator: discriminator.size() };
  const { parameterWidth } = codeLayout(model.infogan);
  const hidden = model.infogan.headHidden;
  const qHead = new Tally();
  if (hidden > 0) qHead.layer(features * hidden, hidden, true, hidden).activation('leakyRelu', hidden);
  qHead.layer((hidden > 0 ? hidden : features) * parameterWidth, parameterWidth, true, parameterWidth);
  return { generator: generator.size(), discriminator: discriminator.size(), qHead: qHead.size() };
}

/** See mlp.ts. Returns the width of D's features. */
function mlpSizes(
  model: Extract<ModelConfig, { kind: 'mlp' }>, data: DataGeometry, inputWidth: number, labelWidth: number, generator: Tally, discriminator: Tally,
): number {
  const exampleSize = product(data.exampleShape);
  let width = inputWidth;
  for (const units of model.generator.hidden) {
    const { batchNorm, activation } = model.generator;
    generator.layer(width * units, units, !batchNorm, units).normalizeAndActivate(batchNorm, activation, units, units);
    width = units;
  }
  generator.layer(width * exampleSize, exampleSize, true, exampleSize).activation(data.exampleShape.length > 1 ? 'tanh' : 'linear', exampleSize);

  width = exampleSize + labelWidth;
  model.discriminator.hidden.forEach((units, index) => {
    const normalized = model.discriminator.batchNorm && index > 0;
    discriminator.layer(width * units, units, !normalized, units).normalizeAndActivate(normalized, model.discriminator.activation, units, units);
    width = units;
  });
  return width;
}

/** See dcgan.ts. Returns the width of D's flattened features. */
function dcganSizes(
  model: Extract<ModelConfig, { kind: 'dcgan' }>, data: DataGeometry, inputWidth: number, labelChannels: number, generator: Tally, discriminator: Tally,
): number {
  const [height = 0, , imageChannels = 1] = data.exampleShape;
  const size = model.imageSize ?? height;
  const levels = DCGAN_LEVELS_BY_SIZE[size] ?? 0;
  const smallest = size / 2 ** levels;
  const kernelArea = DCGAN_KERNEL_SIZE ** 2;

  const { batchNorm, activation, channels } = model.generator;
  let side = smallest;
  let depth = channelsAt(channels, levels - 1);
  generator.layer(inputWidth * side * side * depth, side * side * depth, !batchNorm, side * side * depth)
    .normalizeAndActivate(batchNorm, activation, depth, side * side * depth);
  for (let level = levels - 2; level >= 0; level--) {
    const next = channelsAt(channels, level);
    side *= 2;
    generator.layer(kernelArea * depth * next, next, !batchNorm, side * side * next).normalizeAndActivate(batchNorm, activation, next, side * side * next);
    depth = next;
  }
  side *= 2;
  generator.layer(kernelArea * depth * imageChannels, imageChannels, true, side * side * imageChannels).activation('tanh', side * side * imageChannels);

  depth = imageChannels + labelChannels;
  side = size;
  for (let level = 0; level < levels; level++) {
    const next = channelsAt(model.discriminator.channels, level);
    const normalized = model.discriminator.batchNorm && level > 0;
    side /= 2;
    discriminator.layer(kernelArea * depth * next, next, !normalized, side * side * next)
      .normalizeAndActivate(normalized, model.discriminator.activation, next, side * side * next);
    depth = next;
  }
  return side * side * depth;
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
