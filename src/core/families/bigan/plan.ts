import type { Optimizer, Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../backend/tf';
import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import { generate } from '../../models/apply';
import { latentBatch } from '../../models/latent';
import { drawLatents } from '../../models/latentDraws';
import type { AdversarialObjective } from '../../objectives/adversarial';
import { interpolationWeights } from '../../objectives/draws';
import { gradientPenalty } from '../../objectives/gradientPenalty';
import { realTarget } from '../../objectives/labelSmoothing';
import { r1ScaleAt, withR1 } from '../../objectives/r1';
import { clipVariables } from '../../optim/gradients';
import type { FamilyStreams } from '../family';
import { trainableVariables, type Loss, type Player, type TrainingPlan } from '../player';
import { tunableWeight } from '../shared/tunableWeight';
import { biganCatalogue } from './catalogue';
import { joinPair, pairCritic, type BiganNetworks } from './networks';

/** What BiGAN's players update and how they score pairs; built once per run. */
export interface BiganContext {
  readonly config: GanConfig;
  readonly dataset: Dataset;
  readonly networks: BiganNetworks;
  readonly objective: AdversarialObjective;
  /** Updates the encoder and the generator together. */
  readonly encoderGeneratorOptimizer: Optimizer;
  readonly discriminatorOptimizer: Optimizer;
}


/**
 * D, then E and G together (Donahue et al. 2017, §3): D learns to call (x, E(x)) real and
 * (G(z), z) fake; E and G minimise D's own loss with the two sides swapped, so E is pushed to make
 * its pairs look generated and G to make its pairs look encoded — the inverted-label form that
 * keeps gradients strong early, for every objective. E runs outside D's tape, as G does.
 */
export function biganTrainingPlan(ctx: BiganContext, { random, sampler }: FamilyStreams): TrainingPlan {
  const { config, dataset, networks, objective } = ctx;
  const { generator, encoder, discriminator, latent } = networks;
  const batch = config.training.batchSize;
  const exampleShape = [batch, ...dataset.exampleShape];
  const critic = (training: boolean) => pairCritic(discriminator, dataset.exampleShape, config.model.latentSize, training);
  const target = realTarget(config.regularizers);
  const { gradientPenalty: gp, r1 } = config.regularizers;
  const gpWeight = gp && tunableWeight('gradientPenalty', 'gradient penalty λ', gp.weight);
  const r1Gamma = r1 && tunableWeight('r1', 'R1 γ', r1.gamma);
  const weightClip = config.objective.kind === 'wasserstein' ? config.objective.weightClip : undefined;
  const dVariables = trainableVariables(discriminator);

  const draw = () => {
    const x = tf.tensor(gather(dataset, sampler.next(batch)), exampleShape);
    const z = latentBatch(drawLatents(random, latent, batch)).z;
    return { x, z };
  };

  const discriminatorPlayer: Player = {
    name: 'discriminator',
    metrics: { loss: 'dLoss', gradNorm: 'gradNormD' },
    updates: config.training.dSteps,
    optimizer: ctx.discriminatorOptimizer,
    variables: dVariables,
    prepare(step) {
      const r1Scale = r1ScaleAt(r1?.every, step);
      const { x, z } = draw();
      const epsilon = gp ? interpolationWeights(random, batch, 1) : undefined;
      const real = joinPair(x, encoder.apply(x, { training: true }) as Tensor);
      const fake = joinPair(generate(generator, { z }, true), z);
      const D = critic(true);
      return (): Loss => {
        const realScores = D(real);
        const fakeScores = D(fake);
        const losses = objective.discriminatorLoss(realScores, fakeScores, target);
        const parts: Record<string, Scalar> = {
          dLossReal: losses.real, dLossFake: losses.fake,
          dReal: tf.mean(objective.displayed(realScores)) as Scalar,
          dFake: tf.mean(objective.displayed(fakeScores)) as Scalar,
        };
        let total: Scalar = losses.total;
        if (gpWeight && epsilon) {
          parts['gradientPenalty'] = gradientPenalty(D, real, fake, epsilon, gpWeight.get());
          total = tf.add(total, parts['gradientPenalty']);
        }
        if (r1Gamma) total = withR1(total, parts, D, real, r1Gamma.get(), r1Scale);
        return { total, parts };
      };
    },
    ...(weightClip !== undefined ? { afterUpdate: () => clipVariables(dVariables, weightClip) } : {}),
  };

  const encoderGeneratorPlayer: Player = {
    name: 'encoder and generator',
    metrics: { loss: 'gLoss', gradNorm: 'gradNormG' },
    updates: 1,
    optimizer: ctx.encoderGeneratorOptimizer,
    variables: trainableVariables(encoder, generator),
    prepare() {
      const { x, z } = draw();
      const D = critic(true);
      return (): Loss => {
        const encodedScores = D(joinPair(x, encoder.apply(x, { training: true }) as Tensor));
        const generatedScores = D(joinPair(generate(generator, { z }, true), z));
        const swapped = objective.discriminatorLoss(generatedScores, encodedScores, 1);
        return { total: swapped.total, parts: { encoderTerm: swapped.fake, generatorTerm: swapped.real } };
      };
    },
  };

  return {
    players: [discriminatorPlayer, encoderGeneratorPlayer], catalogue: biganCatalogue(config.objective.kind),
    weights: [...gpWeight ? [gpWeight] : [], ...r1Gamma ? [r1Gamma] : []],
  };
}
