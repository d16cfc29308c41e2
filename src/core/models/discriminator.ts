import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { ModelConfig } from '../config/modelSchema';
import { networkBuilder } from '../networks/builders';
import { discriminatorLabelInput, projectionTerm } from './conditioning';
import { activate, connect, type KernelInitializers } from './layers';
import { type LatentSpec } from './latent';
import { codeLayout, type CodeSpec } from './codeLayout';
import { minibatchDiscrimination } from './minibatchDiscrimination';
import { packedShape } from './packing';
import type { DataShape } from './shape';
import type { WeightLayers } from './weightLayers';

export interface DiscriminatorModels {
  /** Inputs [x] or [x, label]; one raw score per example, whatever heads sit beside it. */
  readonly discriminator: LayersModel;
  /** InfoGAN: the Q head (D's features → the code distribution's parameters) and the two-output model that trains both. */
  readonly info?: InfoModels;
}

export interface InfoModels {
  /** Its own weights only: the trunk it reads belongs to the discriminator. */
  readonly qHead: LayersModel;
  /** x → [score, Q's parameters], sharing every layer with `discriminator` and `qHead`: one trunk pass for both. */
  readonly scoreAndCodes: LayersModel;
}

/**
 * D: the architecture's trunk → optional minibatch discrimination → one linear score, plus the
 * projection term of a projection-conditioned model. A packed D reads m examples (and their
 * labels) at once. The Q head reads the trunk's features (before minibatch discrimination, so Q's
 * answer for an example depends on that example alone).
 */
export function buildDiscriminator(
  model: ModelConfig, data: DataShape, latent: LatentSpec, layers: WeightLayers, qKernels: KernelInitializers,
): DiscriminatorModels {
  const network = networkBuilder(model);
  const packing = model.discriminator.packing ?? 1;
  const read = packedShape(data, packing);
  const x = network.discriminatorInput(model, read);
  const label = discriminatorLabelInput(latent, packing);
  const concatenated = model.conditional?.discriminator === 'concat' ? label : undefined;
  const features = network.discriminatorTrunk(model, read, x, concatenated, layers);
  const mbd = model.discriminator.minibatchDiscrimination;
  const headInput = mbd ? minibatchDiscrimination(features, mbd, layers.kernels()) : features;
  let score = connect(layers.dense({ units: 1 }), headInput);
  if (label && model.conditional?.discriminator === 'projection') {
    score = tf.layers.add().apply([score, projectionTerm(features, label, layers)]) as SymbolicTensor;
  }
  const discriminator = tf.model({ inputs: label ? [x, label] : x, outputs: score, name: 'discriminator' });
  if (!latent.codes || !model.infogan) return { discriminator };
  const qHead = buildQHead(features.shape[1]!, latent.codes, model.infogan.headHidden, qKernels);
  const codes = qHead.apply(features) as SymbolicTensor;
  return { discriminator, info: { qHead, scoreAndCodes: tf.model({ inputs: x, outputs: [score, codes], name: 'discriminator_with_q' }) } };
}

/** Features → (a leaky-ReLU hidden layer →) logits per category, then a mean and a log-std per continuous code. */
function buildQHead(featureSize: number, codes: CodeSpec, hidden: number, kernels: KernelInitializers): LayersModel {
  const features = tf.input({ shape: [featureSize] });
  const trunk = hidden > 0 ? activate('leakyRelu', connect(tf.layers.dense({ units: hidden, kernelInitializer: kernels() }), features)) : features;
  const parameters = connect(tf.layers.dense({ units: codeLayout(codes).parameterWidth, kernelInitializer: kernels() }), trunk);
  return tf.model({ inputs: features, outputs: parameters, name: 'q_head' });
}
