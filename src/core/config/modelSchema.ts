import { z } from 'zod';
import { conditionalSchema, infoganSchema, minibatchDiscriminationSchema, packingSchema, spectralNormSchema } from './variantSchema';

export const activationNames = ['relu', 'leakyRelu', 'elu', 'selu', 'tanh', 'sigmoid', 'linear'] as const;
const activation = (fallback: (typeof activationNames)[number]) =>
  z.enum(activationNames).default(fallback).describe('Activation after each hidden layer.');

const latentSize = (fallback: number) =>
  z.int().min(1).max(1024).default(fallback).describe('Size of the noise vector z fed to the generator (labels and InfoGAN codes come on top).');

// Optional rather than defaulted: configs that leave it out resolve, and hash, as they did before it existed.
const latentStd = z.number().positive().max(10).optional()
  .describe('Standard deviation of each value of z (default 1). Below 1, the labels or InfoGAN codes outweigh the noise at first, so they '
    + 'decide what G draws before the noise learns the style (ClusterGAN, Mukherjee et al. 2019, draws z at 0.1 beside a one-hot code).');

const hidden = (fallback: number[]) =>
  z.array(z.int().min(1).max(8192)).min(1).max(16).default(fallback)
    .describe('Width of each hidden layer, input side first.');

const mlpGenerator = z.strictObject({
  hidden: hidden([128, 128]),
  activation: activation('relu'),
  batchNorm: z.boolean().default(false).describe('Batch normalisation after each hidden layer.'),
}).describe('The generator G: noise z → a sample.');

const mlpDiscriminator = z.strictObject({
  hidden: hidden([128, 128]),
  activation: activation('leakyRelu'),
  batchNorm: z.boolean().default(false).describe('Batch normalisation after each hidden layer (not after the first).'),
  minibatchDiscrimination: minibatchDiscriminationSchema.optional(),
  packing: packingSchema.optional(),
  spectralNorm: spectralNormSchema.optional(),
}).describe('The discriminator D: a sample → the score that it is real.');

export const mlpModel = z.strictObject({
  kind: z.literal('mlp').describe('Fully connected generator and discriminator (the original GAN).'),
  latentSize: latentSize(64),
  latentStd,
  generator: mlpGenerator.prefault({}),
  discriminator: mlpDiscriminator.prefault({}),
  conditional: conditionalSchema.optional(),
  infogan: infoganSchema.optional(),
});

const channels = z.int().min(1).max(1024).default(64)
  .describe('Channel base: the widest convolution next to the image has this many channels, doubling per level away from it.');

// One multi-value literal (not a union of literals) so a bad value reports the allowed sizes.
const imageSize = z.literal([28, 32, 64]).optional()
  .describe('Image side in pixels: 28, 32 or 64 (default: the data\'s size). Must match the data.');

/** The DCGAN's strided-convolution D, which the style kind shares; only batch norm's default differs. */
const convolutionalDiscriminator = (batchNorm: z.ZodDefault<z.ZodBoolean>) => z.strictObject({
  channels,
  activation: activation('leakyRelu'),
  batchNorm,
  minibatchDiscrimination: minibatchDiscriminationSchema.optional(),
  packing: packingSchema.optional(),
  spectralNorm: spectralNormSchema.optional(),
});

export const dcganModel = z.strictObject({
  kind: z.literal('dcgan').describe('Deep convolutional GAN (Radford et al. 2015): strided (transposed) convolutions.'),
  latentSize: latentSize(100),
  latentStd,
  imageSize,
  generator: z.strictObject({
    channels,
    activation: activation('relu'),
    batchNorm: z.boolean().default(true).describe('Batch normalisation after each transposed convolution.'),
  }).prefault({}).describe('The generator G: noise z → an image, by transposed convolutions.'),
  discriminator: convolutionalDiscriminator(z.boolean().default(true).describe('Batch normalisation after each convolution but the first.'))
    .prefault({}).describe('The discriminator D: an image → the score that it is real, by strided convolutions.'),
  conditional: conditionalSchema.optional(),
  infogan: infoganSchema.optional(),
});

export const styleModel = z.strictObject({
  kind: z.literal('style').describe('StyleGAN-style generator (Karras et al. 2019, 2020): a mapping network z → w, synthesis from a learned constant by '
    + 'convolutions modulated by per-layer styles of w (with demodulation), per-pixel noise and style-mixing regularization; D is the DCGAN\'s strided convolutions.'),
  latentSize: latentSize(64),
  latentStd,
  imageSize,
  mapping: z.strictObject({
    layers: z.int().min(1).max(8).default(4).describe('Fully connected layers from z (with any label embedding or codes) to w.'),
    units: z.int().min(1).max(1024).default(64).describe('Width of each mapping layer, and the size of w.'),
  }).prefault({}).describe('The mapping network f: z → w, whose output sets every synthesis layer\'s style.'),
  generator: z.strictObject({
    channels: z.int().min(1).max(1024).default(16)
      .describe('Channel base: the synthesis convolutions at full size have this many channels, doubling per halving of the side.'),
    noise: z.boolean().default(true).describe('Per-pixel noise added after each synthesis convolution, with a learned strength per channel (starting at 0).'),
    mixing: z.number().min(0).max(1).default(0.9)
      .describe('Style-mixing regularization: the share of training examples whose styles switch, at a random layer, to those of another example\'s w.'),
  }).prefault({}).describe('The synthesis network: a learned constant → modulated 3×3 convolutions (two per resolution), each resolution adding its RGB.'),
  discriminator: convolutionalDiscriminator(
    z.boolean().default(false).describe('Batch normalisation after each convolution but the first (off: StyleGAN\'s D has none, and R1 suits it).'),
  ).prefault({}).describe('The discriminator D: an image → the score that it is real, by strided convolutions (as the DCGAN\'s).'),
  conditional: conditionalSchema.optional(),
  infogan: infoganSchema.optional(),
});

export const modelSchema = z.discriminatedUnion('kind', [mlpModel, dcganModel, styleModel])
  .describe('Generator and discriminator architecture.');

export type ModelConfig = z.output<typeof modelSchema>;
export type MlpModelConfig = z.output<typeof mlpModel>;
export type DcganModelConfig = z.output<typeof dcganModel>;
export type StyleModelConfig = z.output<typeof styleModel>;
export type ActivationName = (typeof activationNames)[number];
