import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf } from '../../../backend/tf';
import { connect, seededKernels, type KernelInitializers } from '../../../models/layers';
import { Random } from '../../../util/random';

/** Sizes of a PatchGAN critic: CycleGAN's and pix2pix's sections. */
export interface PatchSizes {
  readonly channels: number;
  readonly layers: number;
}

/** One image shape, [height, width, channels]. */
export type ImageShape = readonly number[];

// Each network on its own seed stream (above the plain GAN's), so resizing one leaves the others' initial weights unchanged.
export const translatorStreams = { generatorAB: 0xc1, generatorBA: 0xc2, discriminatorA: 0xc3, discriminatorB: 0xc4 } as const;

const convLayer = (kernels: KernelInitializers, filters: number, useBias: boolean) =>
  tf.layers.conv2d({ filters, kernelSize: 4, strides: 2, padding: 'same', useBias, kernelInitializer: kernels() });
const upLayer = (kernels: KernelInitializers, filters: number, useBias: boolean, activation?: 'tanh') =>
  tf.layers.conv2dTranspose({ filters, kernelSize: 4, strides: 2, padding: 'same', useBias, kernelInitializer: kernels(), ...(activation ? { activation } : {}) });

/** Zhu et al.'s initialisation: N(0, 0.02²) kernels, seeded per layer. */
export function translatorKernels(seed: number, stream: number): KernelInitializers {
  return seededKernels(Random.derive(seed, stream), (layerSeed) => tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: layerSeed }));
}

/**
 * Batch norm, momentum 0.9 so the moving statistics inference uses keep up with the networks.
 * Zhu et al. use instance norm; TF.js has no such layer, and layer norm over the spatial axes (the
 * same statistics) trains 8× slower on wasm (measured: 4.3 s against 0.5 s a CycleGAN step at batch
 * 16), so batch norm it is (with the paper's batch of 1 they coincide).
 */
const normalize = (x: SymbolicTensor): SymbolicTensor => connect(tf.layers.batchNormalization({ momentum: 0.9 }), x);

const normReLU = (x: SymbolicTensor, relu = true): SymbolicTensor => {
  const normalized = normalize(x);
  return relu ? connect(tf.layers.reLU(), normalized) : normalized;
};

/**
 * Zhu et al.'s ResNet generator, scaled to small images: 7×7 conv (C) → stride-2 conv (2C) →
 * residual blocks → stride-2 transposed conv (C) → 7×7 conv to the output channels, tanh, with
 * batch norm and ReLU after each inner convolution.
 */
export function resnetGenerator(sizes: { readonly channels: number; readonly blocks: number }, input: ImageShape, outputChannels: number, kernels: KernelInitializers, name: string): LayersModel {
  const { channels, blocks } = sizes;
  const conv = (x: SymbolicTensor, filters: number, kernelSize: number, strides = 1) =>
    connect(tf.layers.conv2d({ filters, kernelSize, strides, padding: 'same', useBias: false, kernelInitializer: kernels() }), x);
  const image = tf.input({ shape: [...input] });
  let x = normReLU(conv(image, channels, 7));
  x = normReLU(conv(x, 2 * channels, 3, 2));
  for (let block = 0; block < blocks; block++) {
    const inner = normReLU(conv(normReLU(conv(x, 2 * channels, 3)), 2 * channels, 3), false);
    x = tf.layers.add().apply([x, inner]) as SymbolicTensor;
  }
  const up = tf.layers.conv2dTranspose({ filters: channels, kernelSize: 3, strides: 2, padding: 'same', useBias: false, kernelInitializer: kernels() });
  x = normReLU(connect(up, x));
  const out = connect(tf.layers.conv2d({ filters: outputChannels, kernelSize: 7, padding: 'same', activation: 'tanh', kernelInitializer: kernels() }), x);
  return tf.model({ inputs: image, outputs: out, name });
}

/**
 * PatchGAN (Isola et al. 2017): 4×4 stride-2 convs doubling channels (batch norm after the first),
 * leaky ReLU 0.2, then a 4×4 conv to one raw score per patch, flattened: [batch, patches].
 * `inputChannels` may exceed the image's: pix2pix's conditional D reads input and output stacked.
 */
export function patchDiscriminator(sizes: PatchSizes, input: ImageShape, kernels: KernelInitializers, name: string): LayersModel {
  const image = tf.input({ shape: [...input] });
  let x: SymbolicTensor = image;
  for (let layer = 0; layer < sizes.layers; layer++) {
    x = connect(convLayer(kernels, sizes.channels * 2 ** layer, layer === 0), x);
    if (layer > 0) x = normalize(x);
    x = connect(tf.layers.leakyReLU({ alpha: 0.2 }), x);
  }
  const scores = connect(tf.layers.conv2d({ filters: 1, kernelSize: 4, padding: 'same', kernelInitializer: kernels() }), x);
  return tf.model({ inputs: image, outputs: connect(tf.layers.flatten(), scores), name });
}

/**
 * Isola et al.'s U-Net, scaled to small images: `depth` 4×4 stride-2 convs (C, 2C, 4C…; batch
 * norm after the first, leaky ReLU 0.2), then as many stride-2 transposed convs back, each joined to the
 * encoder's map of its size (the skips carry the input's detail straight across), the last to the
 * output channels with tanh. No dropout: the paper's dropout noise is ignored by its generator
 * anyway (Isola et al. §3.1), and TF.js's is unseeded, which would break exact resume.
 */
export function unetGenerator(sizes: { readonly channels: number; readonly depth: number }, input: ImageShape, outputChannels: number, kernels: KernelInitializers, name: string): LayersModel {
  const { channels, depth } = sizes;
  const image = tf.input({ shape: [...input] });
  const skips: SymbolicTensor[] = [];
  let x: SymbolicTensor = image;
  for (let level = 0; level < depth; level++) {
    x = connect(convLayer(kernels, channels * 2 ** level, level === 0), x);
    if (level > 0) x = normalize(x);
    x = connect(tf.layers.leakyReLU({ alpha: 0.2 }), x);
    skips.push(x);
  }
  for (let level = depth - 2; level >= 0; level--) {
    x = normReLU(connect(upLayer(kernels, channels * 2 ** level, false), x));
    x = tf.layers.concatenate().apply([x, skips[level]!]) as SymbolicTensor;
  }
  const out = connect(upLayer(kernels, outputChannels, true, 'tanh'), x);
  return tf.model({ inputs: image, outputs: out, name });
}
