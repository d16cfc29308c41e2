import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf } from '../../backend/tf';
import type { ModelConfig } from '../../config/modelSchema';
import { buildGenerator, networkKernels, seedStreams, type DataShape } from '../../models';
import { connect } from '../../models/layers';
import { latentSpec, type LatentSpec } from '../../models/latent';
import { networkBuilder } from '../../networks/builders';
import type { Critic } from '../../objectives/inputGradient';
import { plainWeightLayers } from '../../models/weightLayers';

/** The encoder's seed stream: its own, so its initial weights do not depend on G's or D's sizes. */
const ENCODER_STREAM = 0xb1;

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

  const encoder = buildEncoder(model, data, seed);

  const discriminatorKernels = networkKernels(model, seed, seedStreams.discriminator);
  const x = network.discriminatorInput(model, data);
  const z = tf.input({ shape: [model.latentSize] });
  const joint = network.discriminatorTrunk(model, data, x, z, plainWeightLayers(discriminatorKernels));
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

/** E with the initial weights a run of this config and seed starts from (also the probe's untrained baseline). */
export function buildEncoder(model: ModelConfig, data: DataShape, seed: number): LayersModel {
  const network = networkBuilder(model);
  const kernels = networkKernels(model, seed, ENCODER_STREAM);
  const image = network.discriminatorInput(model, data);
  const features = network.discriminatorTrunk(model, data, image, undefined, plainWeightLayers(kernels));
  const code = connect(tf.layers.dense({ units: model.latentSize, kernelInitializer: kernels() }), features);
  // Normalised codes (Donahue et al.'s encode_normalize): each code of a batch has mean 0 and
  // variance 1, as z does. Unnormalised, E starts with codes clustered away from the prior, D
  // tells the pairs apart by z's spread alone and E's gradient stays too weak to learn the digit.
  // A frozen γ = 1, β = 0 rather than center/scale off, which TF.js's batch norm cannot train with
  // (it reads γ and β in training mode regardless); frozen, they leave the codes standardised.
  const normalised = connect(tf.layers.batchNormalization({ trainable: false, name: 'code_normalisation' }), code);
  return tf.model({ inputs: image, outputs: normalised, name: 'encoder' });
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
