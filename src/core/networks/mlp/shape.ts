import type { MlpModelConfig } from '../../config/modelSchema';
import type { NetworkShape } from '../shape';

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Fully connected networks: any data; counted as build.ts builds them. */
export const mlpShape: NetworkShape<MlpModelConfig> = {
  traits: {
    dataKinds: ['points', 'images'],
    computeProfile: 'dense',
    initializer: 'glorotUniform',
    width: { field: 'hidden', unit: 'units' },
  },
  sizes(model, data, inputWidth, labelWidth, generator, discriminator) {
    const exampleSize = product(data.exampleShape);
    let width = inputWidth;
    for (const units of model.generator.hidden) {
      const { batchNorm, activation } = model.generator;
      generator.layer(width * units, units, !batchNorm, units).normalizeAndActivate(batchNorm, activation, units, units);
      width = units;
    }
    generator.layer(width * exampleSize, exampleSize, true, exampleSize).activation(data.exampleShape.length > 1 ? 'tanh' : 'linear', exampleSize);

    // A packed D (PacGAN) reads m examples and their labels side by side.
    width = (exampleSize + labelWidth) * (model.discriminator.packing ?? 1);
    model.discriminator.hidden.forEach((units, index) => {
      const normalized = model.discriminator.batchNorm && index > 0;
      discriminator.layer(width * units, units, !normalized, units).normalizeAndActivate(normalized, model.discriminator.activation, units, units);
      width = units;
    });
    return width;
  },
};
