import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf } from '../../backend/tf';
import type { ActivationName, MlpModelConfig } from '../../config/modelSchema';
import { exampleSize } from '../../data/dataset';
import { joinLabel, type GeneratorInput } from '../../models/conditioning';
import { connect, normalizeAndActivate, type KernelInitializers } from '../../models/layers';
import type { DataShape } from '../../models/shape';
import { plainWeightLayers, type WeightLayers } from '../../models/weightLayers';
import type { NetworkBuilder } from '../kind';

/** Dense layers; without a bias when batch norm follows, whose β makes it redundant. */
function hiddenLayers(
  input: SymbolicTensor, widths: readonly number[], useBatchNorm: (index: number) => boolean,
  activation: ActivationName, layers: WeightLayers,
): SymbolicTensor {
  return widths.reduce((x, units, index) => {
    const dense = layers.dense({ units, useBias: !useBatchNorm(index) });
    return normalizeAndActivate(connect(dense, x), useBatchNorm(index), activation);
  }, input);
}

/** The latent vector → hidden layers → one output per data value: tanh for images (data in [−1, 1]), linear for points. */
function mlpGenerator(config: MlpModelConfig, data: DataShape, input: GeneratorInput, kernels: KernelInitializers): LayersModel {
  const hidden = hiddenLayers(input.vector, config.generator.hidden, () => config.generator.batchNorm, config.generator.activation, plainWeightLayers(kernels));
  const images = data.kind === 'images';
  let output = connect(tf.layers.dense({ units: exampleSize(data), activation: images ? 'tanh' : 'linear', kernelInitializer: kernels() }), hidden);
  if (images) output = connect(tf.layers.reshape({ targetShape: [...data.exampleShape] }), output);
  return tf.model({ inputs: input.inputs, outputs: output, name: 'generator' });
}

/** Flattened input (with the one-hot label joined, when given) → hidden layers (batch norm never on the first, which sees raw data): D's features. */
function mlpDiscriminatorTrunk(config: MlpModelConfig, _data: DataShape, x: SymbolicTensor, label: SymbolicTensor | undefined, layers: WeightLayers): SymbolicTensor {
  const flat = x.shape.length > 2 ? connect(tf.layers.flatten(), x) : x;
  return hiddenLayers(label ? joinLabel(flat, label) : flat, config.discriminator.hidden,
    (index) => config.discriminator.batchNorm && index > 0, config.discriminator.activation, layers);
}

export const mlpBuilder: NetworkBuilder<MlpModelConfig> = {
  generator: mlpGenerator,
  discriminatorInput: (_config, data) => tf.input({ shape: [...data.exampleShape] }),
  discriminatorTrunk: mlpDiscriminatorTrunk,
};
