import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf } from '../../backend/tf';
import type { ModelConfig } from '../../config/modelSchema';
import { buildGenerator, networkKernels, type DataShape } from '../../models';
import { connect } from '../../models/layers';
import { latentSpec, type LatentSpec } from '../../models/latent';
import { networkBuilder } from '../../networks/builders';
import { plainWeightLayers } from '../../models/weightLayers';

/** The encoder's seed stream: its own, so its initial weights do not depend on the decoder's or D's sizes. */
const ENCODER_STREAM = 0xe1;

/** A VAE's encoder and decoder (VAE-GAN adds a discriminator). */
export interface VaeNetworks {
  /** x → [μ, log σ²]: the discriminator's trunk for the model kind, then two linear heads of the latent size. */
  readonly encoder: LayersModel;
  /** x → μ alone, sharing the encoder's layers: what reconstructions, codes and export use. */
  readonly meanEncoder: LayersModel;
  /** z → x: the generator of the model kind. */
  readonly decoder: LayersModel;
  readonly latent: LatentSpec;
  dispose(): void;
}

export function buildVaeNetworks(model: ModelConfig, data: DataShape, seed: number): VaeNetworks {
  const decoder = buildGenerator(model, data, seed);
  const network = networkBuilder(model);
  const kernels = networkKernels(model, seed, ENCODER_STREAM);
  const x = network.discriminatorInput(model, data);
  const features = network.discriminatorTrunk(model, data, x, undefined, plainWeightLayers(kernels));
  const mean = connect(tf.layers.dense({ units: model.latentSize, kernelInitializer: kernels(), name: 'code_mean' }), features);
  // Starts near log σ² = 0 (σ = 1, the prior's): the KL term then starts from the means alone.
  const logVariance = connect(tf.layers.dense({ units: model.latentSize, kernelInitializer: 'zeros', name: 'code_log_variance' }), features) as SymbolicTensor;
  const encoder = tf.model({ inputs: x, outputs: [mean, logVariance], name: 'encoder' });
  const meanEncoder = tf.model({ inputs: x, outputs: mean, name: 'encoder_mean' });
  return {
    encoder, meanEncoder, decoder, latent: latentSpec(model, undefined),
    dispose: () => {
      decoder.dispose();
      encoder.dispose();
    },
  };
}

/** q(z|x)'s parameters for a batch. */
export function posterior(encoder: LayersModel, x: Tensor, training: boolean): { mean: Tensor; logVariance: Tensor } {
  const [mean, logVariance] = encoder.apply(x, { training }) as Tensor[];
  return { mean: mean!, logVariance: logVariance! };
}

/** z = μ + σ·ε (the reparameterisation: gradients reach μ and σ through a fixed draw ε). */
export function drawCode(mean: Tensor, logVariance: Tensor, epsilon: Tensor): Tensor {
  return tf.add(mean, tf.mul(tf.exp(tf.mul(logVariance, 0.5)), epsilon));
}

/** KL(N(μ, σ²) ‖ N(0, I)), summed over the code and averaged over the batch (in nats per example). */
export function klDivergence(mean: Tensor, logVariance: Tensor): Scalar {
  const perValue = tf.sub(tf.add(tf.square(mean), tf.exp(logVariance)), tf.add(logVariance, 1));
  return tf.mul(tf.mean(tf.sum(perValue, 1)), 0.5) as Scalar;
}

/** Σ over an example's values of (a − b)², averaged over the batch. */
export function summedSquaredError(a: Tensor, b: Tensor): Scalar {
  const difference = tf.square(tf.sub(a, b));
  return tf.mean(tf.sum(tf.reshape(difference, [difference.shape[0]!, -1]), 1)) as Scalar;
}

/** x → the decoder of q(z|x)'s mean, in inference mode: a VAE's reconstruction. */
export function reconstructMean(networks: Pick<VaeNetworks, 'meanEncoder' | 'decoder'>, x: Tensor): Tensor {
  return networks.decoder.apply(networks.meanEncoder.apply(x, { training: false }) as Tensor, { training: false }) as Tensor;
}
