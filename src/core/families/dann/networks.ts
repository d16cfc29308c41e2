import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../backend/tf';
import { connect, seededKernels } from '../../models/layers';
import { Random } from '../../util/random';
import { buildClassifier, CLASSIFIER_CONV_FEATURES, CLASSIFIER_FEATURES, CLASSIFIER_LOGITS } from '../shared/classifier';
import type { DannSection } from './config';

/**
 * DANN's networks, as Ganin et al. split them: F, the convolutions, whose flattened output are the
 * features; the label head on them (dense 64, class logits), the two together one classifier
 * model; the domain head on the same features; and two classifiers of the same architecture and
 * initial weights that learn without the domain head: on the source alone, and on the target's labels.
 */
export interface DannNetworks {
  /** x → class logits: F, then the label head. */
  readonly classifier: LayersModel;
  /** x → features: F alone, sharing the classifier's layers. */
  readonly features: LayersModel;
  /** features → class logits: the classifier's layers after F. */
  readonly labelHead: (features: Tensor) => Tensor;
  /** features → one logit: source 0, target 1. */
  readonly domainHead: LayersModel;
  /** The same classifier trained on the source's labels alone (λ = 0): what DANN must beat on the target. */
  readonly sourceOnly: LayersModel;
  /** The same classifier trained on the target's labels: the upper bound. */
  readonly targetTrained: LayersModel;
  dispose(): void;
}

// Its own streams, so the three classifiers start alike and the domain head's size leaves them unchanged.
const classifierStream = 0xda1;
const domainHeadStream = 0xda2;

export function buildDannNetworks(section: DannSection, shape: readonly number[], classes: number, seed: number): DannNetworks {
  const classifier = (name: string) => buildClassifier(section.features.channels, shape, classes, seed, classifierStream, name);
  const main = classifier('dann_classifier');
  const features = tf.model({ inputs: main.inputs, outputs: main.getLayer(CLASSIFIER_CONV_FEATURES).output, name: 'dann_features' });
  const [hiddenLayer, logitsLayer] = [main.getLayer(CLASSIFIER_FEATURES), main.getLayer(CLASSIFIER_LOGITS)];
  const labelHead = (x: Tensor) => logitsLayer.apply(hiddenLayer.apply(x)) as Tensor;
  const kernels = seededKernels(Random.derive(seed, domainHeadStream), (layerSeed) => tf.initializers.heUniform({ seed: layerSeed }));
  const input = tf.input({ shape: [features.outputs[0]!.shape[1]!] });
  const hidden = connect(tf.layers.dense({ units: section.domainHead.units, activation: 'relu', kernelInitializer: kernels() }), input);
  // Its logit starts at 0 (a guess, loss ln 2) whatever the features' scale: a head that starts confidently
  // wrong sends F a huge reversed gradient in the first steps, which F answers by blowing its features up.
  const domainHead = tf.model({ inputs: input, outputs: connect(tf.layers.dense({ units: 1, kernelInitializer: 'zeros' }), hidden), name: 'domain_head' });
  const built = { classifier: main, features, labelHead, domainHead, sourceOnly: classifier('source_only'), targetTrained: classifier('target_trained') };
  return {
    ...built,
    // The features model holds no weights of its own: disposing the classifier frees them.
    dispose: () => {
      for (const model of [built.classifier, built.domainHead, built.sourceOnly, built.targetTrained]) model.dispose();
    },
  };
}
