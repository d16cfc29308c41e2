import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { ModelConfig } from '../config/modelSchema';
import { Random } from '../util/random';
import { dcganDiscriminator, dcganGenerator } from './dcgan';
import { seededKernels, type Initializer, type KernelInitializers } from './layers';
import { mlpDiscriminator, mlpGenerator } from './mlp';
import type { DataShape } from './shape';

export type { DataShape } from './shape';

export interface GanModels {
  readonly generator: LayersModel;
  /** Outputs one raw score per example (a logit or critic value); the objective applies any sigmoid. */
  readonly discriminator: LayersModel;
  readonly latentSize: number;
  /** One generated example's shape, the same as the data's. */
  readonly sampleShape: readonly number[];
  dispose(): void;
}

// Glorot for the MLP (the Keras default); N(0, 0.02) as the DCGAN paper prescribes.
const glorotUniform = (seed: number): Initializer => tf.initializers.glorotUniform({ seed });
const dcganNormal = (seed: number): Initializer => tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed });

const seedStreams = { generator: 1, discriminator: 2 } as const;

export function buildModels(model: ModelConfig, data: DataShape, seed: number): GanModels {
  // One seed stream per network, so resizing one leaves the other's initial weights unchanged.
  const kernels = (stream: number, make: (layerSeed: number) => Initializer): KernelInitializers =>
    seededKernels(Random.derive(seed, stream), make);
  const { generator, discriminator } = model.kind === 'mlp'
    ? {
      generator: mlpGenerator(model, data, kernels(seedStreams.generator, glorotUniform)),
      discriminator: mlpDiscriminator(model, data, kernels(seedStreams.discriminator, glorotUniform)),
    }
    : {
      generator: dcganGenerator(model, data, kernels(seedStreams.generator, dcganNormal)),
      discriminator: dcganDiscriminator(model, data, kernels(seedStreams.discriminator, dcganNormal)),
    };
  return {
    generator,
    discriminator,
    latentSize: model.latentSize,
    sampleShape: [...data.exampleShape],
    dispose: () => {
      generator.dispose();
      discriminator.dispose();
    },
  };
}
