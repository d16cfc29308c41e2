import type { Optimizer, Scalar, Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../../backend/tf';
import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import type { FamilyStreams } from '../family';
import { trainableVariables, type Loss, type Player, type TrainingPlan } from '../player';
import { crossEntropy, labelledBatch, type LabelledBatch } from '../shared/labelledBatch';
import { tunableWeight } from '../shared/tunableWeight';
import { dannCatalogue } from './catalogue';
import { domainWeightAt, type DannSection } from './config';
import type { AdaptationData } from './data';
import { reverseGradient } from './gradientReversal';
import type { DannNetworks } from './networks';

/** What DANN's players update; built once per run. */
export interface DannContext {
  readonly config: GanConfig;
  readonly section: DannSection;
  readonly data: AdaptationData;
  readonly networks: DannNetworks;
  readonly optimizers: { readonly [P in 'dann' | 'sourceOnly' | 'targetTrained']: Optimizer };
}

/**
 * Ganin et al.'s iteration, one update of F and both heads on a source batch and a target batch:
 * the label loss on the source, plus the domain head's logistic loss on both, whose gradient
 * reaches F reversed and scaled by λ. Then, on the same batches, the source-only network learns
 * the source's labels and the upper bound the target's.
 */
export function dannTrainingPlan(ctx: DannContext, { random, totalSteps }: FamilyStreams): TrainingPlan {
  const { config, section, data, networks, optimizers } = ctx;
  const classes = data.classNames.length;
  const batch = config.training.batchSize;
  const weight = tunableWeight('domainWeight', 'domain weight λ', section.domainWeight);
  const lambda = (step: number) => domainWeightAt(section, weight.get(), step, totalSteps);
  const draw = (part: Dataset) => labelledBatch(part, Array.from({ length: batch }, () => random.int(part.count)), classes) as Required<LabelledBatch>;
  // This iteration's batches, drawn by DANN's player: the comparison networks learn from the same images.
  let batches: { source: Tensor; sourceY: Tensor; target: Tensor; targetY: Tensor } | undefined;
  const disposeBatches = () => {
    if (batches) tf.dispose(Object.values(batches));
    batches = undefined;
  };

  const dannPlayer: Player = {
    name: 'DANN', metrics: { loss: 'dannLoss', gradNorm: 'gradNormDann' }, updates: 1,
    optimizer: optimizers.dann, variables: trainableVariables(networks.classifier, networks.domainHead),
    prepare(step) {
      const source = draw(data.source);
      const target = draw(data.target);
      // A second update in one iteration (the live controls' updates) draws afresh: free the first's.
      disposeBatches();
      batches = { source: tf.keep(source.x), sourceY: tf.keep(source.y), target: tf.keep(target.x), targetY: tf.keep(target.y) };
      const scale = tf.scalar(lambda(step));
      // Source 0, then target 1: the order the features are joined in.
      const domains = tf.concat([tf.zeros([batch, 1]), tf.ones([batch, 1])], 0);
      return (): Loss => {
        const features = networks.features.apply(tf.concat([source.x, target.x], 0), { training: true }) as Tensor;
        const sourceFeatures = tf.slice(features, [0, 0], [batch, -1]);
        const labelLoss = crossEntropy(networks.labelHead(sourceFeatures), source.y);
        const domainLogits = networks.domainHead.apply(reverseGradient(features, scale), { training: true }) as Tensor;
        const domainLoss = tf.losses.sigmoidCrossEntropy(domains, domainLogits) as Scalar;
        const domainAccuracy = tf.mean(tf.cast(tf.equal(tf.cast(tf.greater(domainLogits, 0), 'float32'), domains), 'float32')) as Scalar;
        return { total: tf.add(labelLoss, domainLoss) as Scalar, parts: { labelLoss, domainLoss, domainAccuracy } };
      };
    },
  };

  const comparison = (name: string, model: LayersModel, optimizer: Optimizer, metrics: Player['metrics'], pick: 'source' | 'target'): Player => ({
    name, metrics, updates: 1,
    optimizer, variables: trainableVariables(model),
    prepare() {
      const current = batches!;
      const [x, y] = pick === 'source' ? [current.source, current.sourceY] : [current.target, current.targetY];
      return (): Loss => ({ total: crossEntropy(model.apply(x, { training: true }) as Tensor, y), parts: {} });
    },
  });

  return {
    players: [
      dannPlayer,
      comparison('source-only network', networks.sourceOnly, optimizers.sourceOnly, { loss: 'sourceOnlyLoss', gradNorm: 'gradNormSourceOnly' }, 'source'),
      comparison('target-trained network', networks.targetTrained, optimizers.targetTrained, { loss: 'targetTrainedLoss', gradNorm: 'gradNormTargetTrained' }, 'target'),
    ],
    catalogue: dannCatalogue,
    weights: [weight],
    divergenceRemedy: 'lower family.optimizer\'s learningRate or family.domainWeight, then train again',
    settings: (step) => ({ lambda: lambda(step) }),
    afterIteration: disposeBatches,
  };
}
