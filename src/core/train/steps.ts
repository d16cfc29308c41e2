import type { Optimizer, Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import { criticOf, generate } from '../models/apply';
import type { LatentBatch } from '../models/latent';
import type { CodeLayout } from '../models/codeLayout';
import type { AdversarialObjective } from '../objectives/adversarial';
import { augmentImages, type AugmentationDraws } from '../objectives/augmentation';
import { gradientPenalty } from '../objectives/gradientPenalty';
import type { Critic } from '../objectives/inputGradient';
import { r1Penalty } from '../objectives/r1';
import { addInstanceNoise } from '../objectives/instanceNoise';
import { mutualInformationLoss, type InfoWeights } from '../objectives/mutualInformation';
import { applyGradients, clipVariables } from './gradients';

/** What one training step needs besides its random draws; built once per run. */
export interface StepContext {
  readonly generator: LayersModel;
  readonly discriminator: LayersModel;
  readonly objective: AdversarialObjective;
  readonly generatorOptimizer: Optimizer;
  readonly discriminatorOptimizer: Optimizer;
  readonly generatorVariables: readonly Variable[];
  readonly discriminatorVariables: readonly Variable[];
  /** InfoGAN: Q shares D's trunk, so its head trains in the D step and its loss reaches G in the G step. */
  readonly info?: InfoContext;
  /** 1, or 1 − one-sided label smoothing. */
  readonly realTarget: number;
  readonly gradientPenaltyWeight?: number;
  readonly r1Gamma?: number;
  readonly weightClip?: number;
}

export interface InfoContext {
  /** x → [D's score, Q's parameters] in one trunk pass. */
  readonly scoreAndCodes: LayersModel;
  readonly qHeadVariables: readonly Variable[];
  readonly layout: CodeLayout;
  readonly weights: InfoWeights;
}

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
}

export interface DiscriminatorStepResult {
  readonly loss: number;
  readonly lossReal: number;
  readonly lossFake: number;
  readonly gradientPenalty?: number;
  readonly r1Penalty?: number;
  readonly meanReal: number;
  readonly meanFake: number;
  readonly gradNorm: number;
  /** InfoGAN: λ-weighted −log Q(c | G(z, c)) on this step's generated batch. */
  readonly infoLoss?: number;
}

/** D's scores on a generated batch and, for InfoGAN, the mutual-information loss from the same trunk pass. */
function judgeGenerated(ctx: StepContext, critic: Critic, fake: Tensor, latent: LatentBatch): { scores: Tensor; infoLoss?: Scalar } {
  if (!ctx.info || !latent.codes) return { scores: critic(fake) };
  const [scores, parameters] = ctx.info.scoreAndCodes.apply(fake, { training: true }) as Tensor[];
  return { scores: scores!, infoLoss: mutualInformationLoss(parameters!, latent.codes, ctx.info.layout, ctx.info.weights) };
}

/** One discriminator update: adversarial loss on a real and a generated batch plus the penalties. */
export function discriminatorStep(ctx: StepContext, draws: DiscriminatorDraws): DiscriminatorStepResult {
  return tf.tidy(() => {
    let fake = generate(ctx.generator, draws.latent, true);
    let real = draws.real;
    if (draws.augmentation) {
      real = augmentImages(real, draws.augmentation.real);
      fake = augmentImages(fake, draws.augmentation.fake);
    }
    if (draws.instanceNoise) {
      real = addInstanceNoise(real, draws.instanceNoise.real, draws.instanceNoise.sigma);
      fake = addInstanceNoise(fake, draws.instanceNoise.fake, draws.instanceNoise.sigma);
    }
    const D = criticOf(ctx.discriminator, draws.latent.labels, true);
    const kept: Record<string, Scalar> = {};
    const keep = (name: string, value: Scalar) => { kept[name] = tf.keep(value); return value; };
    const { loss, norm } = applyGradients(ctx.discriminatorOptimizer, () => {
      const realScores = D(real);
      const { scores: fakeScores, infoLoss } = judgeGenerated(ctx, D, fake, draws.latent);
      // Mismatched pairs join the fake side, so its loss averages over generated and mislabelled examples.
      const rejected = draws.mismatchedLabels
        ? tf.concat([fakeScores, criticOf(ctx.discriminator, draws.mismatchedLabels, true)(real)], 0)
        : fakeScores;
      const parts = ctx.objective.discriminatorLoss(realScores, rejected, ctx.realTarget);
      keep('lossReal', parts.real);
      keep('lossFake', parts.fake);
      keep('meanReal', tf.mean(ctx.objective.displayed(realScores)) as Scalar);
      keep('meanFake', tf.mean(ctx.objective.displayed(fakeScores)) as Scalar);
      let total: Scalar = parts.total;
      if (ctx.gradientPenaltyWeight !== undefined && draws.epsilon) {
        total = tf.add(total, keep('gradientPenalty', gradientPenalty(D, real, fake, draws.epsilon, ctx.gradientPenaltyWeight)));
      }
      if (ctx.r1Gamma !== undefined) total = tf.add(total, keep('r1Penalty', r1Penalty(D, real, ctx.r1Gamma)));
      if (infoLoss) total = tf.add(total, keep('infoLoss', infoLoss));
      return total;
    }, [...ctx.discriminatorVariables, ...ctx.info?.qHeadVariables ?? []]);
    if (ctx.weightClip !== undefined) clipVariables(ctx.discriminatorVariables, ctx.weightClip);
    const names = Object.keys(kept);
    const values = tf.stack([loss, norm, ...names.map((name) => kept[name]!)]).dataSync();
    tf.dispose([loss, norm, ...Object.values(kept)]);
    const read = Object.fromEntries(names.map((name, i) => [name, values[i + 2]!]));
    return {
      loss: values[0]!, gradNorm: values[1]!,
      lossReal: read['lossReal']!, lossFake: read['lossFake']!, meanReal: read['meanReal']!, meanFake: read['meanFake']!,
      ...(read['gradientPenalty'] !== undefined ? { gradientPenalty: read['gradientPenalty'] } : {}),
      ...(read['r1Penalty'] !== undefined ? { r1Penalty: read['r1Penalty'] } : {}),
      ...(read['infoLoss'] !== undefined ? { infoLoss: read['infoLoss'] } : {}),
    };
  });
}

/** Random draws for one generator step, made by the caller from the run's seeded generator. */
export interface GeneratorDraws {
  readonly latent: LatentBatch;
  /** One warp per generated example: D (and Q) judge G's output through the same augmentation as in the D step. */
  readonly augmentation?: AugmentationDraws;
  readonly instanceNoise?: { readonly sigma: number; readonly fake: Tensor };
}

export interface GeneratorStepResult {
  readonly loss: number;
  readonly gradNorm: number;
}

/** One generator update against the current discriminator (and, for InfoGAN, Q: G's loss includes λ·MI). */
export function generatorStep(ctx: StepContext, draws: GeneratorDraws): GeneratorStepResult {
  const { latent, instanceNoise } = draws;
  return tf.tidy(() => {
    const { loss, norm } = applyGradients(ctx.generatorOptimizer, () => {
      let fake = generate(ctx.generator, latent, true);
      if (draws.augmentation) fake = augmentImages(fake, draws.augmentation);
      if (instanceNoise) fake = addInstanceNoise(fake, instanceNoise.fake, instanceNoise.sigma);
      const { scores, infoLoss } = judgeGenerated(ctx, criticOf(ctx.discriminator, latent.labels, true), fake, latent);
      const adversarial = ctx.objective.generatorLoss(scores);
      return infoLoss ? tf.add(adversarial, infoLoss) : adversarial;
    }, ctx.generatorVariables);
    const [lossValue, normValue] = tf.stack([loss, norm]).dataSync();
    tf.dispose([loss, norm]);
    return { loss: lossValue!, gradNorm: normValue! };
  });
}
