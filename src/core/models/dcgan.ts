import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { DcganModelConfig } from '../config/modelSchema';
import { connect, normalizeAndActivate, type KernelInitializers } from './layers';
import type { DataShape } from './shape';

/** Stride-2 (transposed) convolutions between the image and the smallest feature map: 28 → 14 → 7, 32 → … → 4, 64 → … → 4. */
const levelsBySize: Readonly<Record<number, number>> = { 28: 2, 32: 3, 64: 4 };
const kernelSize = 4;

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

/** Channels at `level` steps from the image: the base next to it, doubling per level away. */
const channelsAt = (base: number, level: number) => base * 2 ** level;

/** z → dense to the smallest map → transposed convolutions doubling the side and halving channels → tanh image. */
export function dcganGenerator(config: DcganModelConfig, data: DataShape, kernels: KernelInitializers): LayersModel {
  const { imageChannels, levels, smallest } = dcganGeometry(config, data);
  const { channels, batchNorm, activation } = config.generator;
  const z = tf.input({ shape: [config.latentSize] });
  const widest = channelsAt(channels, levels - 1);
  const projected = connect(tf.layers.dense({ units: smallest * smallest * widest, useBias: !batchNorm, kernelInitializer: kernels() }), z);
  let x = normalizeAndActivate(connect(tf.layers.reshape({ targetShape: [smallest, smallest, widest] }), projected), batchNorm, activation);
  for (let level = levels - 2; level >= 0; level--) {
    x = normalizeAndActivate(upsample(x, channelsAt(channels, level), !batchNorm, kernels), batchNorm, activation);
  }
  const image = connect(tf.layers.activation({ activation: 'tanh' }), upsample(x, imageChannels, true, kernels));
  return tf.model({ inputs: z, outputs: image, name: 'generator' });
}

/** Image → strided convolutions halving the side and doubling channels (batch norm on all but the first) → one linear score. */
export function dcganDiscriminator(config: DcganModelConfig, data: DataShape, kernels: KernelInitializers): LayersModel {
  const { size, imageChannels, levels } = dcganGeometry(config, data);
  const { channels, batchNorm, activation } = config.discriminator;
  const image = tf.input({ shape: [size, size, imageChannels] });
  let x = image;
  for (let level = 0; level < levels; level++) {
    const normalized = batchNorm && level > 0;
    const conv = tf.layers.conv2d({
      filters: channelsAt(channels, level), kernelSize, strides: 2, padding: 'same', useBias: !normalized, kernelInitializer: kernels(),
    });
    x = normalizeAndActivate(connect(conv, x), normalized, activation);
  }
  const score = connect(tf.layers.dense({ units: 1, kernelInitializer: kernels() }), connect(tf.layers.flatten(), x));
  return tf.model({ inputs: image, outputs: score, name: 'discriminator' });
}

function upsample(x: SymbolicTensor, filters: number, useBias: boolean, kernels: KernelInitializers): SymbolicTensor {
  const layer = tf.layers.conv2dTranspose({ filters, kernelSize, strides: 2, padding: 'same', useBias, kernelInitializer: kernels() });
  return connect(layer, x);
}
