import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf } from '../../backend/tf';
import type { ModelConfig } from '../../config/modelSchema';
import { buildGenerator, networkKernels, seedStreams, type DataShape } from '../../models';
import { connect } from '../../models/layers';
import { latentSpec, type LatentSpec } from '../../models/latent';
import { networkBuilder } from '../../networks/builders';
import type { Critic } from '../../objectives/inputGradient';

/** BiGAN's three networks. */
export interface BiganNetworks {
  /** z → x, as in the plain GAN. */
  readonly generator: LayersModel;
  /** x → z: the discriminator's trunk for the model kind, then a linear head of the latent size. */
  readonly encoder: LayersModel;
  /** [x, z] → one raw score: the discriminator's trunk with z joined to x as a conditional D joins its label. */
  readonly discriminator: LayersModel;
  readonly latent: LatentSpec;
  dispose(): void;
}

export function buildBiganNetworks(model: ModelConfig, data: DataShape, seed: number): BiganNetworks {
  const network = networkBuilder(model);
  const latent = latentSpec(model, undefined);
  const generator = buildGenerator(model, data, seed);

  const encoderKernels = networkKernels(model, seed, seedStreams.encoder);
  const image = network.discriminatorInput(model, data);
  const features = network.discriminatorTrunk(model, data, image, undefined, encoderKernels);
  const code = connect(tf.layers.dense({ units: model.latentSize, kernelInitializer: encoderKernels() }), features);
  const encoder = tf.model({ inputs: image, outputs: code, name: 'encoder' });

  const discriminatorKernels = networkKernels(model, seed, seedStreams.discriminator);
  const x = network.discriminatorInput(model, data);
  const z = tf.input({ shape: [model.latentSize] });
  const joint = network.discriminatorTrunk(model, data, x, z, discriminatorKernels);
  const score = connect(tf.layers.dense({ units: 1, kernelInitializer: discriminatorKernels() }), joint) as SymbolicTensor;
  const discriminator = tf.model({ inputs: [x, z], outputs: score, name: 'pair_discriminator' });

  return {
    generator, encoder, discriminator, latent,
    dispose: () => {
      generator.dispose();
      encoder.dispose();
      discriminator.dispose();
    },
  };
}

/** A pair as one row per example, [flat x, z]: penalties take D's input gradient over both halves. */
export function joinPair(x: Tensor, z: Tensor): Tensor {
  return tf.concat([tf.reshape(x, [x.shape[0]!, -1]), z], 1);
}

/** D as a function of joined pairs, for the losses and the input-gradient penalties. */
export function pairCritic(discriminator: LayersModel, exampleShape: readonly number[], latentSize: number, training: boolean): Critic {
  return (pairs) => {
    const count = pairs.shape[0]!;
    const width = pairs.shape[1]! - latentSize;
    const x = tf.reshape(tf.slice(pairs, [0, 0], [count, width]), [count, ...exampleShape]);
    const z = tf.slice(pairs, [0, width], [count, latentSize]);
    return discriminator.apply([x, z], { training }) as Tensor;
  };
}
