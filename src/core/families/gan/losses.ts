import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../backend/tf';
import { criticOf, generate } from '../../models/apply';
import type { LatentBatch } from '../../models/latent';
import { augmentImages, type AugmentationDraws } from '../../objectives/augmentation';
import { gradientPenalty } from '../../objectives/gradientPenalty';
import type { Critic } from '../../objectives/inputGradient';
import { withR1 } from '../../objectives/r1';
import { addInstanceNoise } from '../../objectives/instanceNoise';
import { mutualInformationLoss } from '../../objectives/mutualInformation';
import { realConsistencyLoss } from '../../objectives/realConsistency';
import type { Loss } from '../player';
import type { StepContext } from './context';

/** Random draws for one discriminator step, made by the caller from the run's seeded generator. */
export interface DiscriminatorDraws {
  readonly real: Tensor;
  /** The generated batch's latents; a conditional model's labels are the real batch's, so D judges both halves against the same classes. */
  readonly latent: LatentBatch;
  /** Differentiable augmentation: one warp per real and per generated example (drawAugmentation). */
  readonly augmentation?: { readonly real: AugmentationDraws; readonly fake: AugmentationDraws };
  /** Standard-normal noise for real and fake inputs, with the current instance-noise σ. */
  readonly instanceNoise?: { readonly sigma: number; readonly real: Tensor; readonly fake: Tensor };
  /** Interpolation weights ε for the gradient penalty, shape [B, 1, …]. */
  readonly epsilon?: Tensor;
  /** A conditional model's wrong labels for the real batch (one-hot): D learns to call those pairs fake too. */
  readonly mismatchedLabels?: Tensor;
  /** Lazy R1: this step's multiplier of the penalty (the interval on the steps it is due); no penalty when absent. */
  readonly r1Scale?: number;
}

/** D's scores on a generated batch and, for InfoGAN, the mutual-information loss from the same trunk pass. */
function judgeGenerated(ctx: StepContext, critic: Critic, fake: Tensor, latent: LatentBatch): { scores: Tensor; infoLoss?: Scalar } {
  if (!ctx.info || !latent.codes) return { scores: critic(fake) };
  const [scores, parameters] = ctx.info.scoreAndCodes.apply(fake, { training: true }) as Tensor[];
  return { scores: scores!, infoLoss: mutualInformationLoss(parameters!, latent.codes, ctx.info.layout, ctx.info.weights) };
}

/**
 * D's scores on the (augmented) real batch and, with InfoGAN's real-image consistency (IMSAT), its
 * terms: Q's answer on the augmented batch from the same trunk pass against its answer on `clean`.
 */
function judgeReal(ctx: StepContext, critic: Critic, real: Tensor, clean: Tensor): { scores: Tensor; parts?: Record<string, Scalar> } {
  const weights = ctx.info?.realConsistency;
  if (!ctx.info || !weights || real === clean) return { scores: critic(real) };
  const [scores, augmented] = ctx.info.scoreAndCodes.apply(real, { training: true }) as Tensor[];
  const [, unaugmented] = ctx.info.scoreAndCodes.apply(clean, { training: true }) as Tensor[];
  const terms = realConsistencyLoss(unaugmented!, augmented!, ctx.info.layout, weights);
  return {
    scores: scores!,
    parts: {
      realConsistency: terms.total, realAugmentationCrossEntropy: terms.consistency,
      realConditionalEntropy: terms.conditionalEntropy, realMarginalEntropy: terms.marginalEntropy,
    },
  };
}

/**
 * D's loss: the adversarial loss on a real and a generated batch plus the penalties (and, for
 * InfoGAN, Q's term from the same trunk pass). G runs outside the tape: D's update needs no gradient through it.
 */
export function discriminatorLoss(ctx: StepContext, draws: DiscriminatorDraws): () => Loss {
  let fake = generate(ctx.generator, draws.latent, true);
  const clean = draws.real;
  let real = clean;
  if (draws.augmentation) {
    real = augmentImages(real, draws.augmentation.real);
    fake = augmentImages(fake, draws.augmentation.fake);
  }
  if (draws.instanceNoise) {
    real = addInstanceNoise(real, draws.instanceNoise.real, draws.instanceNoise.sigma);
    fake = addInstanceNoise(fake, draws.instanceNoise.fake, draws.instanceNoise.sigma);
  }
  const D = criticOf(ctx.discriminator, draws.latent.labels, true);
  return () => {
    const { scores: realScores, parts: realParts } = judgeReal(ctx, D, real, clean);
    const { scores: fakeScores, infoLoss } = judgeGenerated(ctx, D, fake, draws.latent);
    // Mismatched pairs join the fake side, so its loss averages over generated and mislabelled examples.
    const rejected = draws.mismatchedLabels
      ? tf.concat([fakeScores, criticOf(ctx.discriminator, draws.mismatchedLabels, true)(real)], 0)
      : fakeScores;
    const losses = ctx.objective.discriminatorLoss(realScores, rejected, ctx.realTarget);
    const parts: Record<string, Scalar> = {
      dLossReal: losses.real,
      dLossFake: losses.fake,
      dReal: tf.mean(ctx.objective.displayed(realScores)) as Scalar,
      dFake: tf.mean(ctx.objective.displayed(fakeScores)) as Scalar,
    };
    let total: Scalar = losses.total;
    if (ctx.gradientPenaltyWeight !== undefined && draws.epsilon) {
      parts['gradientPenalty'] = gradientPenalty(D, real, fake, draws.epsilon, ctx.gradientPenaltyWeight);
      total = tf.add(total, parts['gradientPenalty']);
    }
    if (ctx.r1Gamma !== undefined) total = withR1(total, parts, D, real, ctx.r1Gamma, draws.r1Scale);
    if (infoLoss) {
      parts['infoLoss'] = infoLoss;
      total = tf.add(total, infoLoss);
    }
    if (realParts) {
      Object.assign(parts, realParts);
      total = tf.add(total, realParts['realConsistency']!);
    }
    return { total, parts };
  };
}

/** Random draws for one generator step, made by the caller from the run's seeded generator. */
export interface GeneratorDraws {
  readonly latent: LatentBatch;
  /** One warp per generated example: D (and Q) judge G's output through the same augmentation as in the D step. */
  readonly augmentation?: AugmentationDraws;
  readonly instanceNoise?: { readonly sigma: number; readonly fake: Tensor };
}

/** G's loss against the current discriminator (and, for InfoGAN, Q: G's loss includes λ·MI). */
export function generatorLoss(ctx: StepContext, draws: GeneratorDraws): () => Loss {
  const { latent, instanceNoise } = draws;
  return () => {
    let fake = generate(ctx.generator, latent, true);
    if (draws.augmentation) fake = augmentImages(fake, draws.augmentation);
    if (instanceNoise) fake = addInstanceNoise(fake, instanceNoise.fake, instanceNoise.sigma);
    const { scores, infoLoss } = judgeGenerated(ctx, criticOf(ctx.discriminator, latent.labels, true), fake, latent);
    const adversarial = ctx.objective.generatorLoss(scores);
    return { total: infoLoss ? tf.add(adversarial, infoLoss) : adversarial, parts: {} };
  };
}
