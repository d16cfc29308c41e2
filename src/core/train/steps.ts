import type { Optimizer, Scalar, Tensor, Variable } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../backend/tf';
import type { AdversarialObjective } from '../objectives/adversarial';
import { gradientPenalty } from '../objectives/gradientPenalty';
import { r1Penalty } from '../objectives/r1';
import { addInstanceNoise } from '../objectives/instanceNoise';
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
  /** 1, or 1 − one-sided label smoothing. */
  readonly realTarget: number;
  readonly gradientPenaltyWeight?: number;
  readonly r1Gamma?: number;
  readonly weightClip?: number;
}

/** Random draws for one discriminator step, made by the caller from the run's seeded generator. */
export interface DiscriminatorDraws {
  readonly real: Tensor;
  readonly z: Tensor;
  /** Standard-normal noise for real and fake inputs, with the current instance-noise σ. */
  readonly instanceNoise?: { readonly sigma: number; readonly real: Tensor; readonly fake: Tensor };
  /** Interpolation weights ε for the gradient penalty, shape [B, 1, …]. */
  readonly epsilon?: Tensor;
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
}

const critic = (model: LayersModel) => (x: Tensor) => model.apply(x, { training: true }) as Tensor;

/** One discriminator update: adversarial loss on a real and a generated batch plus the penalties. */
export function discriminatorStep(ctx: StepContext, draws: DiscriminatorDraws): DiscriminatorStepResult {
  return tf.tidy(() => {
    let fake = ctx.generator.apply(draws.z, { training: true }) as Tensor;
    let real = draws.real;
    if (draws.instanceNoise) {
      real = addInstanceNoise(real, draws.instanceNoise.real, draws.instanceNoise.sigma);
      fake = addInstanceNoise(fake, draws.instanceNoise.fake, draws.instanceNoise.sigma);
    }
    const D = critic(ctx.discriminator);
    const kept: Record<string, Scalar> = {};
    const keep = (name: string, value: Scalar) => { kept[name] = tf.keep(value); return value; };
    const { loss, norm } = applyGradients(ctx.discriminatorOptimizer, () => {
      const realScores = D(real);
      const fakeScores = D(fake);
      const parts = ctx.objective.discriminatorLoss(realScores, fakeScores, ctx.realTarget);
      keep('lossReal', parts.real);
      keep('lossFake', parts.fake);
      keep('meanReal', tf.mean(ctx.objective.displayed(realScores)) as Scalar);
      keep('meanFake', tf.mean(ctx.objective.displayed(fakeScores)) as Scalar);
      let total: Scalar = parts.total;
      if (ctx.gradientPenaltyWeight !== undefined && draws.epsilon) {
        total = tf.add(total, keep('gradientPenalty', gradientPenalty(D, real, fake, draws.epsilon, ctx.gradientPenaltyWeight)));
      }
      if (ctx.r1Gamma !== undefined) total = tf.add(total, keep('r1Penalty', r1Penalty(D, real, ctx.r1Gamma)));
      return total;
    }, ctx.discriminatorVariables);
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
    };
  });
}

export interface GeneratorStepResult {
  readonly loss: number;
  readonly gradNorm: number;
}

/** One generator update against the current discriminator. */
export function generatorStep(ctx: StepContext, z: Tensor, instanceNoise?: { sigma: number; fake: Tensor }): GeneratorStepResult {
  return tf.tidy(() => {
    const { loss, norm } = applyGradients(ctx.generatorOptimizer, () => {
      let fake = ctx.generator.apply(z, { training: true }) as Tensor;
      if (instanceNoise) fake = addInstanceNoise(fake, instanceNoise.fake, instanceNoise.sigma);
      return ctx.objective.generatorLoss(ctx.discriminator.apply(fake, { training: true }) as Tensor);
    }, ctx.generatorVariables);
    const [lossValue, normValue] = tf.stack([loss, norm]).dataSync();
    tf.dispose([loss, norm]);
    return { loss: lossValue!, gradNorm: normValue! };
  });
}
