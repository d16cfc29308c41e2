import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../backend/tf';
import type { ModelConfig } from '../../config/modelSchema';
import { networkKernels, seedStreams, type DataShape } from '../../models';
import { connect } from '../../models/layers';
import { networkBuilder } from '../../networks/builders';
import { buildVaeNetworks, type VaeNetworks } from '../vae/networks';
import { plainWeightLayers } from '../../models/weightLayers';

export interface VaeGanNetworks extends VaeNetworks {
  /** x → [score, features]: the model kind's trunk and a linear score; the features are where reconstructions are compared. */
  readonly discriminator: LayersModel;
}

export function buildVaeGanNetworks(model: ModelConfig, data: DataShape, seed: number): VaeGanNetworks {
  const vae = buildVaeNetworks(model, data, seed);
  const network = networkBuilder(model);
  const kernels = networkKernels(model, seed, seedStreams.discriminator);
  const x = network.discriminatorInput(model, data);
  const features = network.discriminatorTrunk(model, data, x, undefined, plainWeightLayers(kernels));
  const score = connect(tf.layers.dense({ units: 1, kernelInitializer: kernels() }), features);
  const discriminator = tf.model({ inputs: x, outputs: [score, features], name: 'discriminator' });
  return {
    ...vae, discriminator,
    dispose: () => {
      vae.dispose();
      discriminator.dispose();
    },
  };
}

/** D's scores and features for a batch. */
export function judge(discriminator: LayersModel, x: Tensor, training: boolean): { scores: Tensor; features: Tensor } {
  const [scores, features] = discriminator.apply(x, { training }) as Tensor[];
  return { scores: scores!, features: features! };
}
