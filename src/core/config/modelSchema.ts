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

export const dcganModel = z.strictObject({
  kind: z.literal('dcgan').describe('Deep convolutional GAN (Radford et al. 2015): strided (transposed) convolutions.'),
  latentSize: latentSize(100),
  latentStd,
  // One multi-value literal (not a union of literals) so a bad value reports the allowed sizes.
  imageSize: z.literal([28, 32, 64]).optional()
    .describe('Image side in pixels: 28, 32 or 64 (default: the data\'s size). Must match the data.'),
  generator: z.strictObject({
    channels,
    activation: activation('relu'),
    batchNorm: z.boolean().default(true).describe('Batch normalisation after each transposed convolution.'),
  }).prefault({}).describe('The generator G: noise z → an image, by transposed convolutions.'),
  discriminator: z.strictObject({
    channels,
    activation: activation('leakyRelu'),
    batchNorm: z.boolean().default(true).describe('Batch normalisation after each convolution but the first.'),
    minibatchDiscrimination: minibatchDiscriminationSchema.optional(),
    packing: packingSchema.optional(),
    spectralNorm: spectralNormSchema.optional(),
  }).prefault({}).describe('The discriminator D: an image → the score that it is real, by strided convolutions.'),
  conditional: conditionalSchema.optional(),
  infogan: infoganSchema.optional(),
});

export const modelSchema = z.discriminatedUnion('kind', [mlpModel, dcganModel])
  .describe('Generator and discriminator architecture.');

export type ModelConfig = z.output<typeof modelSchema>;
export type MlpModelConfig = z.output<typeof mlpModel>;
export type DcganModelConfig = z.output<typeof dcganModel>;
export type ActivationName = (typeof activationNames)[number];
