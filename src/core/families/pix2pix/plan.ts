import type { Optimizer, Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../backend/tf';
import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import type { AdversarialObjective } from '../../objectives/adversarial';
import { realTarget } from '../../objectives/labelSmoothing';
import type { FamilyStreams } from '../family';
import { trainableVariables, type Loss, type Player, type TrainingPlan } from '../player';
import { tunableWeight } from '../shared/tunableWeight';
import { pix2pixCatalogue } from './catalogue';
import type { Pix2PixNetworks, Pix2PixSection } from './networks';

/** What pix2pix's players update; built once per run. */
export interface Pix2PixContext {
  readonly config: GanConfig;
  readonly section: Pix2PixSection;
  /** Domain b's training examples, each paired with domain a's example of the same index. */
  readonly dataset: Dataset;
  readonly networks: Pix2PixNetworks;
  readonly objective: AdversarialObjective;
  readonly generatorOptimizer: Optimizer;
  readonly discriminatorOptimizer?: Optimizer;
}


/** The conditional critic's input: the condition a and an output (b, or G(a)) stacked as channels. */
export const stackPair = (a: Tensor, b: Tensor): Tensor => tf.concat([a, b], 3);

/**
 * Isola et al.'s iteration: D learns (a, b) real and (a, G(a)) fake, its loss halved; then G
 * minimises its adversarial term plus λ‖b − G(a)‖₁. With adversarialWeight 0 there is no D and G
 * learns L1 alone.
 */
export function pix2pixTrainingPlan(ctx: Pix2PixContext, { sampler }: FamilyStreams): TrainingPlan {
  const { config, section, dataset, networks, objective } = ctx;
  const { generator, discriminator } = networks;
  const source = dataset.translation!.source;
  const batch = config.training.batchSize;
  const l1Weight = tunableWeight('l1', 'L1 λ', section.l1Weight);
  const adversarialWeight = tunableWeight('adversarial', 'adversarial weight', section.adversarialWeight);
  const target = realTarget(config.regularizers);
  const draw = () => {
    const indices = sampler.next(batch);
    return {
      a: tf.tensor(gather(source, indices), [batch, ...source.exampleShape]),
      b: tf.tensor(gather(dataset, indices), [batch, ...dataset.exampleShape]),
    };
  };
  const critic = (x: Tensor) => discriminator!.apply(x, { training: true }) as Tensor;

  const generatorPlayer: Player = {
    name: 'generator',
    metrics: { loss: 'gLoss', gradNorm: 'gradNormG' },
    updates: 1,
    optimizer: ctx.generatorOptimizer,
    variables: trainableVariables(generator),
    prepare() {
      const { a, b } = draw();
      return (): Loss => {
        const fake = generator.apply(a, { training: true }) as Tensor;
        const parts: Record<string, Scalar> = { l1: tf.mean(tf.abs(tf.sub(fake, b))) as Scalar };
        let total = tf.mul(l1Weight.get(), parts['l1']!) as Scalar;
        if (discriminator) {
          parts['adversarial'] = objective.generatorLoss(critic(stackPair(a, fake)));
          total = tf.add(total, tf.mul(adversarialWeight.get(), parts['adversarial']));
        }
        return { total, parts };
      };
    },
  };

  const discriminatorPlayer: Player | undefined = discriminator && ctx.discriminatorOptimizer && {
    name: 'discriminator',
    metrics: { loss: 'dLoss', gradNorm: 'gradNormD' },
    updates: config.training.dSteps,
    optimizer: ctx.discriminatorOptimizer,
    variables: trainableVariables(discriminator),
    prepare() {
      const { a, b } = draw();
      const fake = generator.apply(a, { training: true }) as Tensor;
      return (): Loss => {
        const realScores = critic(stackPair(a, b));
        const fakeScores = critic(stackPair(a, fake));
        const losses = objective.discriminatorLoss(realScores, fakeScores, target);
        return {
          total: tf.mul(0.5, losses.total),
          parts: {
            dLossReal: losses.real, dLossFake: losses.fake,
            dReal: tf.mean(objective.displayed(realScores)) as Scalar, dFake: tf.mean(objective.displayed(fakeScores)) as Scalar,
          },
        };
      };
    },
  };

  return {
    players: discriminatorPlayer ? [discriminatorPlayer, generatorPlayer] : [generatorPlayer],
    catalogue: pix2pixCatalogue(config.objective.kind, discriminatorPlayer !== undefined),
    weights: discriminatorPlayer ? [l1Weight, adversarialWeight] : [l1Weight],
  };
}
