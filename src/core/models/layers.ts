import type { SymbolicTensor, layers } from '@tensorflow/tfjs-layers';
import { tf, type TF } from '../backend/tf';
import type { ActivationName } from '../config/modelSchema';
import type { Random } from '../util/random';

export type Initializer = ReturnType<TF['initializers']['randomNormal']>;

/** Hands out one kernel initializer per layer, each with its own seed, in construction order. */
export type KernelInitializers = () => Initializer;

/**
 * Seeds each layer's initializer from `random`. TF.js draws unseeded initial weights from
 * Math.random; a seed per layer makes the same run seed give the same initial networks.
 */
export function seededKernels(random: Random, make: (seed: number) => Initializer): KernelInitializers {
  return () => make(random.uint32());
}

/** layer.apply on one symbolic tensor; TF.js types the result as a union of four shapes. */
export function connect(layer: layers.Layer, input: SymbolicTensor): SymbolicTensor {
  return layer.apply(input) as SymbolicTensor;
}

/** The configured nonlinearity; leaky ReLU is its own layer because `activation` has no α (0.2, as in DCGAN). */
export function activate(name: ActivationName, input: SymbolicTensor): SymbolicTensor {
  if (name === 'linear') return input;
  if (name === 'leakyRelu') return connect(tf.layers.leakyReLU({ alpha: 0.2 }), input);
  return connect(tf.layers.activation({ activation: name }), input);
}

/**
 * Batch normalisation with momentum 0.9 (TF.js defaults to 0.99) so the moving statistics that
 * inference-mode samples use follow a fast-changing generator within a few dozen steps.
 */
function batchNorm(input: SymbolicTensor): SymbolicTensor {
  return connect(tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5, gammaInitializer: 'ones' }), input);
}

/** Optional batch norm followed by the activation: the hidden-layer tail both architectures share. */
export function normalizeAndActivate(input: SymbolicTensor, useBatchNorm: boolean, name: ActivationName): SymbolicTensor {
  return activate(name, useBatchNorm ? batchNorm(input) : input);
}
