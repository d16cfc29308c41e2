import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { tf } from '../../backend/tf';
import { connect, seededKernels } from '../../models/layers';
import { Random } from '../../util/random';

/** The convolutions' output, flattened: the features DANN's domain head reads (Ganin et al.'s F ends there). */
export const CLASSIFIER_CONV_FEATURES = 'conv_features';
/** The penultimate layer's name: the features a classifier's class logits read. */
export const CLASSIFIER_FEATURES = 'features';
/** The last layer's name: the label head, features → class logits. */
export const CLASSIFIER_LOGITS = 'logits';

/**
 * A small image classifier with the shipped digit classifier's shape: conv 5×5 (C) – max-pool –
 * conv 5×5 (2C) – max-pool – dense 64 – class logits. Same padding, so any side from 4 px works.
 * He-uniform kernels seeded per layer from `stream`: two classifiers built from the same stream
 * start from the same weights (Triple-GAN's C and its baseline).
 */
export function buildClassifier(channels: number, shape: readonly number[], classes: number, seed: number, stream: number, name: string): LayersModel {
  const kernels = seededKernels(Random.derive(seed, stream), (layerSeed) => tf.initializers.heUniform({ seed: layerSeed }));
  const conv = (filters: number) => tf.layers.conv2d({ filters, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: kernels() });
  const pool = () => tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' });
  const image = tf.input({ shape: [...shape] });
  let x: SymbolicTensor = connect(pool(), connect(conv(channels), image));
  x = connect(pool(), connect(conv(2 * channels), x));
  x = connect(tf.layers.flatten({ name: CLASSIFIER_CONV_FEATURES }), x);
  x = connect(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: kernels(), name: CLASSIFIER_FEATURES }), x);
  const logits = connect(tf.layers.dense({ units: classes, kernelInitializer: kernels(), name: CLASSIFIER_LOGITS }), x);
  return tf.model({ inputs: image, outputs: logits, name });
}
