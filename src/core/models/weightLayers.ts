import type { layers } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { Random } from '../util/random';
import type { Initializer, KernelInitializers } from './layers';
import { spectralLayers } from './spectralNorm';

export interface DenseArgs {
  readonly units: number;
  readonly useBias?: boolean;
  readonly name?: string;
}

export interface ConvArgs {
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly useBias?: boolean;
}

/**
 * How a discriminator makes its weight layers: plain TF.js layers, or spectrally normalized ones.
 * The builders ask this for every dense layer and convolution, so one config switch covers D whole.
 */
export interface WeightLayers {
  dense(args: DenseArgs): layers.Layer;
  /** A 'same'-padded convolution. */
  conv2d(args: ConvArgs): layers.Layer;
  /** The next layer's kernel initializer, for layers this factory does not make (minibatch discrimination's T). */
  readonly kernels: KernelInitializers;
}

export function plainWeightLayers(kernels: KernelInitializers): WeightLayers {
  return {
    dense: (args) => tf.layers.dense({ ...args, kernelInitializer: kernels() }),
    conv2d: (args) => tf.layers.conv2d({ ...args, padding: 'same', kernelInitializer: kernels() }),
    kernels,
  };
}

/** Spectrally normalized layers (Miyato et al. 2018); `vectors` seeds each power iteration's start. */
export function spectralWeightLayers(kernels: KernelInitializers, vectors: Random): WeightLayers {
  const { SpectralDense, SpectralConv2D } = spectralLayers();
  const seeded = (kernelInitializer: Initializer) => ({ kernelInitializer, vectorSeed: vectors.uint32() });
  return {
    dense: (args) => new SpectralDense({ ...args, ...seeded(kernels()) }),
    conv2d: (args) => new SpectralConv2D({ ...args, ...seeded(kernels()) }),
    kernels,
  };
}
