import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { ActivationName, MlpModelConfig } from '../config/modelSchema';
import { exampleSize } from '../data/dataset';
import { connect, normalizeAndActivate, type KernelInitializers } from './layers';
import type { DataShape } from './shape';

/** Dense layers; without a bias when batch norm follows, whose β makes it redundant. */
function hiddenLayers(
  input: SymbolicTensor, widths: readonly number[], useBatchNorm: (index: number) => boolean,
  activation: ActivationName, kernels: KernelInitializers,
): SymbolicTensor {
  return widths.reduce((x, units, index) => {
    const dense = tf.layers.dense({ units, useBias: !useBatchNorm(index), kernelInitializer: kernels() });
    return normalizeAndActivate(connect(dense, x), useBatchNorm(index), activation);
  }, input);
}

/** z → hidden layers → one output per data value: tanh for images (data in [−1, 1]), linear for points. */
export function mlpGenerator(config: MlpModelConfig, data: DataShape, kernels: KernelInitializers): LayersModel {
  const z = tf.input({ shape: [config.latentSize] });
  const hidden = hiddenLayers(z, config.generator.hidden, () => config.generator.batchNorm, config.generator.activation, kernels);
  const images = data.kind === 'images';
  let output = connect(tf.layers.dense({ units: exampleSize(data), activation: images ? 'tanh' : 'linear', kernelInitializer: kernels() }), hidden);
  if (images) output = connect(tf.layers.reshape({ targetShape: [...data.exampleShape] }), output);
  return tf.model({ inputs: z, outputs: output, name: 'generator' });
}

/** Flattened input → hidden layers (batch norm never on the first, which sees raw data) → one linear score. */
export function mlpDiscriminator(config: MlpModelConfig, data: DataShape, kernels: KernelInitializers): LayersModel {
  const x = tf.input({ shape: [...data.exampleShape] });
  const flat = data.kind === 'images' ? connect(tf.layers.flatten(), x) : x;
  const hidden = hiddenLayers(flat, config.discriminator.hidden,
    (index) => config.discriminator.batchNorm && index > 0, config.discriminator.activation, kernels);
  const score = connect(tf.layers.dense({ units: 1, kernelInitializer: kernels() }), hidden);
  return tf.model({ inputs: x, outputs: score, name: 'discriminator' });
}
