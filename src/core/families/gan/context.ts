import type { Optimizer, Variable } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { GanConfig } from '../../config/schema';
import type { GanModels } from '../../models';
import { codeLayout, type CodeLayout } from '../../models/codeLayout';
import { adversarialObjective, type AdversarialObjective } from '../../objectives/adversarial';
import { realTarget } from '../../objectives/labelSmoothing';
import type { InfoWeights } from '../../objectives/mutualInformation';
import type { RealConsistencyWeights } from '../../objectives/realConsistency';
import { trainableVariables, type CheckpointParts } from '../player';
import { createOptimizer } from '../../optim/optimizers';

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
  /** Lazy R1: the penalty is computed on every k-th D step, multiplied by k. */
  readonly r1Every?: number;
  readonly weightClip?: number;
}

export interface InfoContext {
  /** x → [D's score, Q's parameters] in one trunk pass. */
  readonly scoreAndCodes: LayersModel;
  readonly qHeadVariables: readonly Variable[];
  readonly layout: CodeLayout;
  readonly weights: InfoWeights;
  /** IMSAT's terms on real images, trained in the D step; only with augmentation (the rules refuse it without). */
  readonly realConsistency?: RealConsistencyWeights;
}

/** The networks' variables, the two optimizers and the loss settings of a GAN config. */
export function stepContext(config: GanConfig, models: GanModels): StepContext {
  const { generator, discriminator, info, latent } = models;
  const { regularizers, objective, training, model } = config;
  return {
    generator, discriminator,
    ...(info && latent.codes && model.infogan ? {
      info: {
        scoreAndCodes: info.scoreAndCodes, qHeadVariables: trainableVariables(info.qHead), layout: codeLayout(latent.codes),
        weights: { categorical: model.infogan.weight, continuous: model.infogan.continuousWeight },
        ...(model.infogan.realConsistency && regularizers.augmentation ? { realConsistency: model.infogan.realConsistency } : {}),
      },
    } : {}),
    objective: adversarialObjective(objective),
    generatorOptimizer: createOptimizer(training.generatorOptimizer),
    discriminatorOptimizer: createOptimizer(training.discriminatorOptimizer),
    generatorVariables: trainableVariables(generator),
    discriminatorVariables: trainableVariables(discriminator),
    realTarget: realTarget(regularizers),
    ...(regularizers.gradientPenalty ? { gradientPenaltyWeight: regularizers.gradientPenalty.weight } : {}),
    ...(regularizers.r1 ? { r1Gamma: regularizers.r1.gamma, r1Every: regularizers.r1.every ?? 1 } : {}),
    ...(objective.kind === 'wasserstein' && objective.weightClip !== undefined ? { weightClip: objective.weightClip } : {}),
  };
}

/**
 * What a GAN's checkpoint holds, by name: the networks (InfoGAN's Q head apart, since its trunk is
 * saved with the discriminator; the generator average when kept) and both optimizers.
 */
export function ganCheckpointParts(models: GanModels, ctx: StepContext, generatorEma?: LayersModel): CheckpointParts {
  return {
    networks: {
      generator: models.generator, discriminator: models.discriminator,
      ...(models.info ? { qHead: models.info.qHead } : {}),
      ...(generatorEma ? { generatorEma } : {}),
    },
    optimizers: { generatorOptimizer: ctx.generatorOptimizer, discriminatorOptimizer: ctx.discriminatorOptimizer },
  };
}
