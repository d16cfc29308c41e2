import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf } from '../../backend/tf';
import type { StyleModelConfig } from '../../config/modelSchema';
import type { GeneratorInput } from '../../models/conditioning';
import { activate, connect, type KernelInitializers } from '../../models/layers';
import type { DataShape } from '../../models/shape';
import { dcganBuilder } from '../dcgan/build';
import type { NetworkBuilder } from '../kind';
import { asDcgan, STYLE_PARTS, styleGeometry, type StyleGeometry } from './geometry';
import { perNamespace } from '../../models/layerRegistry';
import { defineStyleLayers } from './layers';
import { styleFigures } from './figures';
import { styleParts, styleViews, truncatedImages } from './views';

/** The style layer classes of the TF.js namespace in use, registered for loading on first use. */
const styleLayers = perNamespace(defineStyleLayers, (classes) => Object.values(classes));

/** The mapping network's learning-rate multiplier (StyleGAN's): w moves slowly, so the styles every layer reads stay meaningful. */
const MAPPING_RATE = 0.01;


/**
 * z (with any label embedding or codes) → the mapping network → w → one w per style row (mixed in
 * training) → the synthesis network, which also reads the per-pixel noise. Mapping and synthesis
 * are nested models, so a view can feed the synthesis its own ws (mixed, truncated).
 */
function styleGenerator(config: StyleModelConfig, data: DataShape, input: GeneratorInput, kernels: KernelInitializers): LayersModel {
  if (!input.synthesis) throw new Error('a style generator needs its synthesis draws as an input');
  const geometry = styleGeometry(config, data.exampleShape);
  const { ScaledDense, StyleBroadcast } = styleLayers();
  const vector = tf.input({ shape: [input.vector.shape[1]!] });
  let w: SymbolicTensor = vector;
  for (let layer = 0; layer < config.mapping.layers; layer++) {
    w = activate('leakyRelu', connect(new ScaledDense({ units: config.mapping.units, activationGain: Math.SQRT2, multiplier: MAPPING_RATE, kernelInitializer: kernels() }), w));
  }
  const mapping = tf.model({ inputs: vector, outputs: w, name: STYLE_PARTS.mapping });
  const synthesis = synthesisNetwork(geometry, config.mapping.units, input.synthesis.shape[1]!, kernels);
  const broadcast = new StyleBroadcast({ styles: geometry.styleCount, mixing: config.generator.mixing, offset: geometry.noiseValues, name: STYLE_PARTS.broadcast });
  const ws = broadcast.apply([mapping.apply(input.vector) as SymbolicTensor, input.synthesis]) as SymbolicTensor;
  const image = synthesis.apply([ws, input.synthesis]) as SymbolicTensor;
  return tf.model({ inputs: input.inputs, outputs: image, name: 'generator' });
}

/** [ws, draws] → image: the constant, modulated convolutions with noise and leaky ReLU, and each resolution's RGB added to the last's, upsampled; tanh. */
function synthesisNetwork(geometry: StyleGeometry, styleWidth: number, drawsWidth: number, kernels: KernelInitializers): LayersModel {
  const { ModulatedConv, NoiseInjection, StyleConstant } = styleLayers();
  const ws = tf.input({ shape: [geometry.styleCount, styleWidth] });
  const draws = tf.input({ shape: [drawsWidth] });
  const first = geometry.levels[0]!;
  let x = connect(new StyleConstant({ side: first.side, channels: first.convs[0]!.inChannels, kernelInitializer: kernels() }), ws);
  let rgb: SymbolicTensor | undefined;
  const upsample = (tensor: SymbolicTensor) => connect(tf.layers.upSampling2d({ size: [2, 2], interpolation: 'bilinear' }), tensor);
  for (const level of geometry.levels) {
    for (const conv of level.convs) {
      if (conv.upsample) x = upsample(x);
      x = new ModulatedConv({ filters: conv.channels, kernelSize: 3, style: conv.style, demodulate: true, kernelInitializer: kernels() }).apply([x, ws]) as SymbolicTensor;
      if (geometry.noiseValues > 0) x = new NoiseInjection({ offset: conv.noiseOffset, side: conv.side }).apply([x, draws]) as SymbolicTensor;
      x = activate('leakyRelu', x);
    }
    const toRgb = new ModulatedConv({ filters: geometry.imageChannels, kernelSize: 1, style: level.rgbStyle, demodulate: false, kernelInitializer: kernels() });
    const added = toRgb.apply([x, ws]) as SymbolicTensor;
    rgb = rgb ? tf.layers.add().apply([upsample(rgb), added]) as SymbolicTensor : added;
  }
  // tanh, as every generator here: images are in [−1, 1], and an unbounded output lets G win early by sheer magnitude.
  const image = connect(tf.layers.activation({ activation: 'tanh' }), rgb!);
  return tf.model({ inputs: [ws, draws], outputs: image, name: STYLE_PARTS.synthesis });
}

/** D is the DCGAN's, built from the style config read as a DCGAN's. */
export const styleBuilder: NetworkBuilder<StyleModelConfig> = {
  generator: styleGenerator,
  discriminatorInput: (config, data) => dcganBuilder.discriminatorInput(asDcgan(config), data),
  discriminatorTrunk: (config, data, x, label, layers) => dcganBuilder.discriminatorTrunk(asDcgan(config), data, x, label, layers),
  extras(config, generator, latent, data, seed, digits) {
    const parts = styleParts(config, generator, data.exampleShape);
    return {
      views: styleViews(parts, latent, data, seed),
      ...(digits ? { measure: () => styleFigures(parts, latent, seed) } : {}),
      truncate: (latents, psi) => truncatedImages(parts, latent, seed, latents, psi),
    };
  },
};
