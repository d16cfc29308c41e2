import type { SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { ConditionalConfig } from '../config/variantSchema';
import { connect, type KernelInitializers } from './layers';
import { type LatentSpec } from './latent';
import { codeLayout } from './codeLayout';
import type { WeightLayers } from './weightLayers';

/** A generator's symbolic inputs (z first, as generatorInputs orders them) and the vector its layers start from. */
export interface GeneratorInput {
  readonly inputs: SymbolicTensor[];
  readonly vector: SymbolicTensor;
  /** A style generator's per-example noise and mixing draws (the last input), when its spec has them. */
  readonly synthesis?: SymbolicTensor;
}

/**
 * z alone; z joined with a learned embedding of the one-hot label (conditional GAN); or z joined
 * with the codes (InfoGAN). The embedding is a bias-free dense layer, which on a one-hot input is
 * exactly a lookup table; its initializer draws N(0, 1), the scale of z, so the label is heard from the start.
 */
export function generatorInput(spec: LatentSpec, conditional: ConditionalConfig | undefined, embeddingInitializer: KernelInitializers): GeneratorInput {
  const input = latentInput(spec, conditional, embeddingInitializer);
  if (!spec.synthesis) return input;
  const synthesis = tf.input({ shape: [spec.synthesis.normals + spec.synthesis.uniforms], name: 'synthesis_draws' });
  return { inputs: [...input.inputs, synthesis], vector: input.vector, synthesis };
}

function latentInput(spec: LatentSpec, conditional: ConditionalConfig | undefined, embeddingInitializer: KernelInitializers): GeneratorInput {
  const z = tf.input({ shape: [spec.noiseSize], name: 'z' });
  if (spec.classes && conditional) {
    const labels = tf.input({ shape: [spec.classes.names.length], name: 'label' });
    const embedding = connect(tf.layers.dense({ units: conditional.embeddingSize, useBias: false, kernelInitializer: embeddingInitializer(), name: 'label_embedding' }), labels);
    return { inputs: [z, labels], vector: join([z, embedding]) };
  }
  if (spec.codes) {
    const codes = tf.input({ shape: [codeLayout(spec.codes).width], name: 'codes' });
    return { inputs: [z, codes], vector: join([z, codes]) };
  }
  return { inputs: [z], vector: z };
}

/** The discriminator's label input of a conditional model (one-hot; a packed D's, one per example of the pack), or undefined. */
export function discriminatorLabelInput(spec: LatentSpec, packing = 1): SymbolicTensor | undefined {
  return spec.classes ? tf.input({ shape: [spec.classes.names.length * packing], name: 'label' }) : undefined;
}

/** The one-hot label joined to what D reads first: appended to a flat vector, or tiled as extra channels of an image. */
export function joinLabel(x: SymbolicTensor, label: SymbolicTensor): SymbolicTensor {
  if (x.shape.length === 2) return join([x, label]);
  const [, height, width] = x.shape as [null, number, number, number];
  const classes = label.shape[1]!;
  const tiled = connect(tf.layers.reshape({ targetShape: [height, width, classes] }), connect(tf.layers.repeatVector({ n: height * width }), label));
  return join([x, tiled]);
}

/** Projection discriminator's term ⟨embedding(y), φ(x)⟩ (Miyato & Koyama 2018), one per example. */
export function projectionTerm(features: SymbolicTensor, label: SymbolicTensor, layers: WeightLayers): SymbolicTensor {
  const embedding = connect(layers.dense({ units: features.shape[1]!, useBias: false, name: 'label_projection' }), label);
  return tf.layers.dot({ axes: 1 }).apply([features, embedding]) as SymbolicTensor;
}

function join(parts: SymbolicTensor[]): SymbolicTensor {
  return tf.layers.concatenate({ axis: -1 }).apply(parts) as SymbolicTensor;
}
