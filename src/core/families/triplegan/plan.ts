import type { Optimizer, Scalar, Tensor, Tensor1D } from '@tensorflow/tfjs-core';
import { tf } from '../../backend/tf';
import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import { criticOf, generate } from '../../models/apply';
import { latentBatch, oneHot } from '../../models/latent';
import { drawLatents, drawMismatchedClasses } from '../../models/latentDraws';
import type { AdversarialObjective } from '../../objectives/adversarial';
import { normalTensor } from '../../objectives/draws';
import { augmentImages, drawAugmentation } from '../../objectives/augmentation';
import { instanceNoiseSigma } from '../../objectives/instanceNoise';
import { augmentationConsistency } from '../../objectives/realConsistency';
import { realTarget } from '../../objectives/labelSmoothing';
import type { FamilyStreams } from '../family';
import { trainableVariables, type Loss, type Player, type TrainingPlan } from '../player';
import { crossEntropy, labelledBatch } from '../shared/labelledBatch';
import { tunableWeight } from '../shared/tunableWeight';
import { tripleGanCatalogue } from './catalogue';
import type { TripleGanSection } from './config';
import type { TripleGanNetworks } from './networks';
import type { SemiSupervisedSplit } from './split';

/** What Triple-GAN's players update; built once per run. */
export interface TripleGanContext {
  readonly config: GanConfig;
  readonly section: TripleGanSection;
  readonly split: SemiSupervisedSplit;
  readonly networks: TripleGanNetworks;
  readonly objective: AdversarialObjective;
  readonly optimizers: { readonly [P in 'discriminator' | 'generator' | 'classifier' | 'baseline']: Optimizer };
}


/**
 * Li et al.'s iteration. D learns labelled pairs (x, y) as real, G's pairs (G(z, y), y) and C's
 * pairs (x_u, argmax C(x_u)) as fake, half each; G learns to pass D with its pairs; C learns from
 * its labels, from making D accept its pairs (each weighted by C's confidence: the argmax
 * approximation's gradient reaches C through the confidence only, here against the batch's average), and, from `pseudoLabelFrom`, from
 * G's pairs as labelled data. The baseline learns from C's labelled batch alone, one update a step.
 */
export function tripleGanTrainingPlan(ctx: TripleGanContext, { random }: FamilyStreams): TrainingPlan {
  const { config, section, split, networks, objective, optimizers } = ctx;
  const { models, classifier, baseline } = networks;
  const classes = models.latent.classes!.names.length;
  const batch = config.training.batchSize;
  const target = realTarget(config.regularizers);
  const weights = {
    adversarial: tunableWeight('classifierAdversarial', 'C\'s adversarial weight', section.adversarialWeight),
    pseudoLabel: tunableWeight('pseudoLabel', 'pseudo-label α_P', section.pseudoLabelWeight),
    entropy: tunableWeight('entropy', 'C\'s entropy weight', section.entropyWeight),
    consistency: tunableWeight('consistency', 'C\'s consistency weight', section.consistency.weight),
  };
  const consistent = section.consistency.weight > 0;
  const drawIndices = (part: Dataset) => Array.from({ length: batch }, () => random.int(part.count));
  const labelled = (indices = drawIndices(split.labelled)) => labelledBatch(split.labelled, indices, classes) as { x: Tensor; y: Tensor; labels: Int32Array };
  // C's labelled batch of this iteration, which the baseline learns from too: the same labels, in the same order.
  let classifierIndices: number[] = [];
  const allClasses = Array.from({ length: classes }, (_, k) => k);
  const mismatched = config.model.conditional?.mismatchedLabels === true;
  const unlabelled = () => labelledBatch(split.unlabelled, drawIndices(split.unlabelled), classes).x;
  /** G's inputs: uniformly drawn classes (one-hot) and noise. */
  const generatorLatents = () => latentBatch(drawLatents(random, models.latent, batch, Array.from({ length: batch }, () => random.int(classes))));
  /** G's pairs: the images G draws for its inputs, with their labels. */
  const generated = (training: boolean) => {
    const latent = generatorLatents();
    return { x: generate(models.generator, latent, training), y: latent.labels! };
  };
  /** C's pseudo-labels for unlabelled images, one-hot, with no gradient. */
  const pseudoLabels = (x: Tensor) => tf.cast(tf.oneHot(tf.argMax(classifier.apply(x) as Tensor, -1) as Tensor1D, classes), 'float32');
  const critic = (labels: Tensor) => criticOf(models.discriminator, labels, true);
  // Instance noise on every image D reads (Li et al. add Gaussian noise to D's input): with a few
  // labelled images as its only real data, a D that sees them bare memorises them and rejects every
  // other real image, whatever its label — and C's pairs are all other real images.
  const sigma = (step: number) => instanceNoiseSigma(config.regularizers.instanceNoise, step);
  const noiseFor = (step: number) => {
    const scale = sigma(step);
    const noise = scale > 0 ? tf.mul(normalTensor(random, [batch, ...split.labelled.exampleShape]), scale) : undefined;
    return (x: Tensor): Tensor => (noise ? tf.add(x, noise) : x);
  };

  const discriminatorPlayer: Player = {
    name: 'discriminator', metrics: { loss: 'dLoss', gradNorm: 'gradNormD' }, updates: config.training.dSteps,
    optimizer: optimizers.discriminator, variables: trainableVariables(models.discriminator),
    prepare(step) {
      const real = labelled();
      const fake = generated(true);
      const xu = unlabelled();
      const yu = pseudoLabels(xu);
      const [noisyReal, noisyFake, noisyPseudo] = [noiseFor(step), noiseFor(step), noiseFor(step)];
      const wrong = mismatched ? tf.tensor2d(oneHot(drawMismatchedClasses(random, real.labels, allClasses), classes), [batch, classes]) : undefined;
      return (): Loss => {
        const realScores = critic(real.y)(noisyReal(real.x));
        const generatedScores = critic(fake.y)(noisyFake(fake.x));
        const pseudoScores = critic(yu)(noisyPseudo(xu));
        // The fake kinds in one batch, so each weighs the same share of D's fake term (Li et al.'s ½ + ½;
        // a third each with the matching-aware term, labelled images shown with a wrong label).
        const fakes = [generatedScores, pseudoScores, ...(wrong ? [critic(wrong)(noisyReal(real.x))] : [])];
        const losses = objective.discriminatorLoss(realScores, tf.concat(fakes, 0), target);
        const mean = (scores: Tensor) => tf.mean(objective.displayed(scores)) as Scalar;
        return {
          total: losses.total,
          parts: { dLossReal: losses.real, dLossFake: losses.fake, dReal: mean(realScores), dFake: mean(generatedScores), dPseudo: mean(pseudoScores) },
        };
      };
    },
  };

  const generatorPlayer: Player = {
    name: 'generator', metrics: { loss: 'gLoss', gradNorm: 'gradNormG' }, updates: 1,
    optimizer: optimizers.generator, variables: trainableVariables(models.generator),
    prepare(step) {
      const latent = generatorLatents();
      const noisy = noiseFor(step);
      return (): Loss => ({ total: objective.generatorLoss(critic(latent.labels!)(noisy(generate(models.generator, latent, true)))), parts: {} });
    },
  };

  const classifierPlayer: Player = {
    name: 'classifier', metrics: { loss: 'cLoss', gradNorm: 'gradNormC' }, updates: 1,
    optimizer: optimizers.classifier, variables: trainableVariables(classifier),
    prepare(step) {
      classifierIndices = drawIndices(split.labelled);
      const real = labelled(classifierIndices);
      const xu = unlabelled();
      const yu = pseudoLabels(xu);
      // How much worse than the batch's average each pseudo-labelled pair fails to pass D: fixed, C moves
      // its confidence against it. Centred (REINFORCE's baseline), or a D that rejects every unlabelled
      // image (it has seen only the labelled ones as real) would just push all of C's confidence down.
      const failures = perExample(objective, critic(yu)(noiseFor(step)(xu)));
      const failure = tf.sub(failures, tf.mean(failures));
      const fake = step >= section.pseudoLabelFrom ? generated(false) : undefined;
      // Only for a run configured with the term (whose live control then exists): a run without it draws as before.
      const [height, width] = split.unlabelled.exampleShape as [number, number];
      const warped = consistent ? augmentImages(xu, drawAugmentation(random, batch, section.consistency.augmentation, height, width)) : undefined;
      return (): Loss => {
        const supervised = crossEntropy(classifier.apply(real.x, { training: true }) as Tensor, real.y);
        const logits = classifier.apply(xu, { training: true }) as Tensor;
        const probabilities = tf.softmax(logits);
        const parts: Record<string, Scalar> = {
          supervised,
          adversarial: tf.mean(tf.mul(tf.max(probabilities, -1), failure)) as Scalar,
          entropy: tf.mean(tf.neg(tf.sum(tf.mul(probabilities, tf.log(tf.add(probabilities, 1e-8))), -1))) as Scalar,
          ...(warped ? { consistency: augmentationConsistency(logits, classifier.apply(warped, { training: true }) as Tensor) } : {}),
          ...(fake ? { pseudoLabel: crossEntropy(classifier.apply(fake.x, { training: true }) as Tensor, fake.y) } : {}),
        };
        let total = tf.add(supervised, tf.mul(weights.adversarial.get(), parts['adversarial']!)) as Scalar;
        total = tf.add(total, tf.mul(weights.entropy.get(), parts['entropy']!));
        if (parts['consistency']) total = tf.add(total, tf.mul(weights.consistency.get(), parts['consistency']));
        if (parts['pseudoLabel']) total = tf.add(total, tf.mul(weights.pseudoLabel.get(), parts['pseudoLabel']));
        return { total, parts };
      };
    },
  };

  const baselinePlayer: Player = {
    name: 'baseline classifier', metrics: { loss: 'baselineLoss', gradNorm: 'gradNormBaseline' }, updates: 1,
    optimizer: optimizers.baseline, variables: trainableVariables(baseline),
    prepare() {
      const real = labelled(classifierIndices);
      return (): Loss => ({ total: crossEntropy(baseline.apply(real.x, { training: true }) as Tensor, real.y), parts: {} });
    },
  };

  return {
    players: [discriminatorPlayer, generatorPlayer, classifierPlayer, baselinePlayer],
    catalogue: tripleGanCatalogue(config.objective.kind),
    weights: [weights.adversarial, weights.pseudoLabel, weights.entropy, ...(consistent ? [weights.consistency] : [])],
    settings: (step) => (sigma(step) > 0 ? { instanceNoiseSigma: sigma(step) } : {}),
  };
}

/** G's loss for each example on its own, [B]: the objective's batch mean over one-example batches. */
function perExample(objective: AdversarialObjective, scores: Tensor): Tensor {
  return tf.stack(tf.unstack(scores).map((row) => objective.generatorLoss(tf.reshape(row, [1, -1]))));
}
