import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { ModelConfig } from '../config/modelSchema';
import { networkBuilder } from '../networks/builders';
import type { NetworkTraits } from '../networks/shape';
import { networkTraits } from '../networks/shapes';
import { Random } from '../util/random';
import { generatorInput } from './conditioning';
import { buildDiscriminator, type InfoModels } from './discriminator';
import { seededKernels, type Initializer, type KernelInitializers } from './layers';
import { latentSpec, type LatentSpec } from './latent';
import type { DataShape } from './shape';
import { plainWeightLayers, spectralWeightLayers } from './weightLayers';

export type { DataShape } from './shape';
export type { InfoModels } from './discriminator';

export interface GanModels {
  /** Inputs [z], [z, label] (conditional) or [z, codes] (InfoGAN), as `latent` describes. */
  readonly generator: LayersModel;
  /** Inputs [x] or [x, label]; outputs one raw score per example (a logit or critic value); the objective applies any sigmoid. */
  readonly discriminator: LayersModel;
  /** InfoGAN's Q head, sharing the discriminator's trunk. */
  readonly info?: InfoModels;
  readonly latent: LatentSpec;
  /** Size of the noise z (labels and codes come on top). */
  readonly latentSize: number;
  /** One generated example's shape, the same as the data's. */
  readonly sampleShape: readonly number[];
  dispose(): void;
}

const initializers: { readonly [K in NetworkTraits['initializer']]: (seed: number) => Initializer } = {
  glorotUniform: (seed) => tf.initializers.glorotUniform({ seed }),
  normal002: (seed) => tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed }),
};
const unitNormal = (seed: number): Initializer => tf.initializers.randomNormal({ mean: 0, stddev: 1, seed });

/** One seed stream per network; a family with networks of its own gives each its own stream number, above these. */
export const seedStreams = { generator: 1, discriminator: 2, qHead: 3, labelEmbedding: 4, spectralVectors: 5 } as const;

// One seed stream per network, so resizing one leaves the other's initial weights unchanged.
const kernels = (seed: number, stream: number, make: (layerSeed: number) => Initializer): KernelInitializers =>
  seededKernels(Random.derive(seed, stream), make);
const kernelInitializer = (model: ModelConfig) => initializers[networkTraits(model).initializer];

/** Seeded kernel initializers of the model's kind for the network on `stream`. */
export function networkKernels(model: ModelConfig, seed: number, stream: number): KernelInitializers {
  return kernels(seed, stream, kernelInitializer(model));
}

/**
 * The generator alone, with the same initial weights buildModels gives it; also the shape of the
 * generator-weight average, which takes its weights from the trained generator.
 */
export function buildGenerator(model: ModelConfig, data: DataShape, seed: number): LayersModel {
  const input = generatorInput(latentSpec(model, data.classNames, data.exampleShape), model.conditional, kernels(seed, seedStreams.labelEmbedding, unitNormal));
  const generatorKernels = kernels(seed, seedStreams.generator, kernelInitializer(model));
  return networkBuilder(model).generator(model, data, input, generatorKernels);
}

/** The networks of a model config for data of this shape (its class names, for a conditional model). */
export function buildModels(model: ModelConfig, data: DataShape, seed: number): GanModels {
  const latent = latentSpec(model, data.classNames, data.exampleShape);
  const generator = buildGenerator(model, data, seed);
  const initializer = kernelInitializer(model);
  const discriminatorKernels = kernels(seed, seedStreams.discriminator, initializer);
  const layers = model.discriminator.spectralNorm
    ? spectralWeightLayers(discriminatorKernels, Random.derive(seed, seedStreams.spectralVectors))
    : plainWeightLayers(discriminatorKernels);
  const { discriminator, info } = buildDiscriminator(model, data, latent, layers, kernels(seed, seedStreams.qHead, initializer));
  return {
    generator, discriminator, ...(info ? { info } : {}), latent,
    latentSize: model.latentSize,
    sampleShape: [...data.exampleShape],
    dispose: () => {
      generator.dispose();
      // TF.js counts a layer's uses, not the models holding it: shared layers go once, through the
      // two-output model, which holds every layer of D and (as a nested model) the Q head.
      (info ? info.scoreAndCodes : discriminator).dispose();
    },
  };
}
