import type { DcganModelConfig } from '../../config/modelSchema';
import type { NetworkShape } from '../shape';
import { channelsAt, DCGAN_IMAGE_SIZES, DCGAN_KERNEL_SIZE, DCGAN_LEVELS_BY_SIZE } from './geometry';

/** Strided (transposed) convolutions: square images of the sizes geometry.ts knows; counted as build.ts builds them. */
export const dcganShape: NetworkShape<DcganModelConfig> = {
  traits: {
    dataKinds: ['images'],
    imageSizes: DCGAN_IMAGE_SIZES,
    computeProfile: 'convolutional',
    initializer: 'normal002',
    width: { field: 'channels', unit: 'channels' },
  },
  sizes(model, data, inputWidth, labelChannels, generator, discriminator) {
    const [height = 0, , imageChannels = 1] = data.exampleShape;
    const size = model.imageSize ?? height;
    const levels = DCGAN_LEVELS_BY_SIZE[size] ?? 0;
    const smallest = size / 2 ** levels;
    const kernelArea = DCGAN_KERNEL_SIZE ** 2;

    const { batchNorm, activation, channels } = model.generator;
    let side = smallest;
    let depth = channelsAt(channels, levels - 1);
    generator.layer(inputWidth * side * side * depth, side * side * depth, !batchNorm, side * side * depth)
      .normalizeAndActivate(batchNorm, activation, depth, side * side * depth);
    for (let level = levels - 2; level >= 0; level--) {
      const next = channelsAt(channels, level);
      side *= 2;
      generator.layer(kernelArea * depth * next, next, !batchNorm, side * side * next).normalizeAndActivate(batchNorm, activation, next, side * side * next);
      depth = next;
    }
    side *= 2;
    generator.layer(kernelArea * depth * imageChannels, imageChannels, true, side * side * imageChannels).activation('tanh', side * side * imageChannels);

    // A packed D (PacGAN) reads m images and their labels as channels side by side.
    depth = (imageChannels + labelChannels) * (model.discriminator.packing ?? 1);
    side = size;
    for (let level = 0; level < levels; level++) {
      const next = channelsAt(model.discriminator.channels, level);
      const normalized = model.discriminator.batchNorm && level > 0;
      side /= 2;
      discriminator.layer(kernelArea * depth * next, next, !normalized, side * side * next)
        .normalizeAndActivate(normalized, model.discriminator.activation, next, side * side * next);
      depth = next;
    }
    return side * side * depth;
  },
};
