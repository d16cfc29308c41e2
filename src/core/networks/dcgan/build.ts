import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf } from '../../backend/tf';
import type { DcganModelConfig } from '../../config/modelSchema';
import { joinLabel, type GeneratorInput } from '../../models/conditioning';
import { connect, normalizeAndActivate, type KernelInitializers } from '../../models/layers';
import type { DataShape } from '../../models/shape';
import type { WeightLayers } from '../../models/weightLayers';
import type { NetworkBuilder } from '../kind';
import { channelsAt, DCGAN_KERNEL_SIZE as kernelSize, DCGAN_LEVELS_BY_SIZE as levelsBySize } from './geometry';

interface Geometry {
  readonly size: number;
  readonly imageChannels: number;
  readonly levels: number;
  /** Side of the smallest feature map, next to the dense layer. */
  readonly smallest: number;
}

/** The image geometry; bad combinations are config errors caught by validation, so these are internal errors. */
function dcganGeometry(config: DcganModelConfig, data: DataShape): Geometry {
  if (data.kind !== 'images') throw new Error(`DCGAN needs image data, got ${data.kind}`);
  const [height, width, imageChannels] = data.exampleShape;
  const size = config.imageSize ?? height ?? 0;
  const levels = levelsBySize[size];
  if (levels === undefined || height !== size || width !== size || imageChannels === undefined) {
    throw new Error(`DCGAN image size ${config.imageSize ?? '(from data)'} does not fit data of shape [${data.exampleShape.join(', ')}]`);
  }
  return { size, imageChannels, levels, smallest: size / 2 ** levels };
}

/** The latent vector → dense to the smallest map → transposed convolutions doubling the side and halving channels → tanh image. */
function dcganGenerator(config: DcganModelConfig, data: DataShape, input: GeneratorInput, kernels: KernelInitializers): LayersModel {
  const { imageChannels, levels, smallest } = dcganGeometry(config, data);
  const { channels, batchNorm, activation } = config.generator;
  const widest = channelsAt(channels, levels - 1);
  const projected = connect(tf.layers.dense({ units: smallest * smallest * widest, useBias: !batchNorm, kernelInitializer: kernels() }), input.vector);
  let x = normalizeAndActivate(connect(tf.layers.reshape({ targetShape: [smallest, smallest, widest] }), projected), batchNorm, activation);
  for (let level = levels - 2; level >= 0; level--) {
    x = normalizeAndActivate(upsample(x, channelsAt(channels, level), !batchNorm, kernels), batchNorm, activation);
  }
  const image = connect(tf.layers.activation({ activation: 'tanh' }), upsample(x, imageChannels, true, kernels));
  return tf.model({ inputs: input.inputs, outputs: image, name: 'generator' });
}

/** The image input D reads, checked against the config (bad combinations are config errors caught by validation). */
function dcganImageInput(config: DcganModelConfig, data: DataShape): SymbolicTensor {
  const { size, imageChannels } = dcganGeometry(config, data);
  return tf.input({ shape: [size, size, imageChannels] });
}

/** Image (label tiled in as extra channels, when given) → strided convolutions halving the side and doubling channels (batch norm on all but the first) → flat features. */
function dcganDiscriminatorTrunk(config: DcganModelConfig, data: DataShape, image: SymbolicTensor, label: SymbolicTensor | undefined, layers: WeightLayers): SymbolicTensor {
  const { levels } = dcganGeometry(config, data);
  const { channels, batchNorm, activation } = config.discriminator;
  let x = label ? joinLabel(image, label) : image;
  for (let level = 0; level < levels; level++) {
    const normalized = batchNorm && level > 0;
    const conv = layers.conv2d({ filters: channelsAt(channels, level), kernelSize, strides: 2, useBias: !normalized });
    x = normalizeAndActivate(connect(conv, x), normalized, activation);
  }
  return connect(tf.layers.flatten(), x);
}

function upsample(x: SymbolicTensor, filters: number, useBias: boolean, kernels: KernelInitializers): SymbolicTensor {
  const layer = tf.layers.conv2dTranspose({ filters, kernelSize, strides: 2, padding: 'same', useBias, kernelInitializer: kernels() });
  return connect(layer, x);
}

export const dcganBuilder: NetworkBuilder<DcganModelConfig> = {
  generator: dcganGenerator,
  discriminatorInput: dcganImageInput,
  discriminatorTrunk: dcganDiscriminatorTrunk,
};
