import type { StyleModelConfig } from '../../config/modelSchema';
import { dcganShape } from '../dcgan/shape';
import type { NetworkShape } from '../shape';
import { Tally } from '../tally';
import { asDcgan, MIXING_UNIFORMS, styleGeometry } from './geometry';

/** A mapping network, modulated convolutions from a constant, and the DCGAN's D; counted as build.ts builds them. */
export const styleShape: NetworkShape<StyleModelConfig> = {
  // The DCGAN's (its D is the DCGAN's; the synthesis layers rescale the seeded N(0, 0.02) draws, layers.ts), plus the layers an export ships.
  traits: { ...dcganShape.traits, customLayers: { bundle: 'style-layers.js', register: 'registerStyleLayers' } },
  sizes(model, data, inputWidth, labelChannels, generator, discriminator) {
    let width = inputWidth;
    for (let layer = 0; layer < model.mapping.layers; layer++) {
      generator.layer(width * model.mapping.units, model.mapping.units, true, model.mapping.units).activation('leakyRelu', model.mapping.units);
      width = model.mapping.units;
    }
    const geometry = styleGeometry(model, data.exampleShape);
    const styles = width;
    const first = geometry.levels[0]!;
    generator.layer(first.side * first.side * first.convs[0]!.inChannels, 0, false, first.side * first.side * first.convs[0]!.inChannels);
    let previous = 0;
    for (const level of geometry.levels) {
      const area = level.side * level.side;
      for (const conv of level.convs) {
        // The style's affine map (with its bias), the 3×3 kernel with its bias, the noise strength; x·s, conv, noise, activation.
        generator.layer(styles * conv.inChannels, conv.inChannels, true, 0)
          .layer(9 * conv.inChannels * conv.channels, conv.channels, true, 3 * area * conv.channels)
          .layer(conv.channels, 0, false, area * conv.channels)
          .activation('leakyRelu', area * conv.channels);
      }
      generator.layer(styles * level.channels, level.channels, true, 0)
        .layer(level.channels * geometry.imageChannels, geometry.imageChannels, true, area * geometry.imageChannels * (previous ? 3 : 1));
      previous = area;
    }
    const [height = 0, , channels = 1] = data.exampleShape;
    generator.activation('tanh', height * height * channels);
    return dcganShape.sizes(asDcgan(model), data, inputWidth, labelChannels, new Tally(), discriminator);
  },
  synthesisInputs: (model, exampleShape) => ({ normals: styleGeometry(model, exampleShape).noiseValues, uniforms: MIXING_UNIFORMS }),
};
