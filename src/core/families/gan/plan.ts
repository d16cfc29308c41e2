import { tf } from '../../backend/tf';
import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import { gather, gatherLabels, type EpochSampler } from '../../data/sampler';
import type { GanModels } from '../../models';
import { latentBatch, oneHot } from '../../models/latent';
import { drawAugmentation } from '../../objectives/augmentation';
import { instanceNoiseSigma } from '../../objectives/instanceNoise';
import { interpolationWeights, normalTensor } from '../../objectives/draws';
import { r1ScaleAt } from '../../objectives/r1';
import type { GeneratorEma } from './generatorEma';
import { clipVariables } from '../../optim/gradients';
import { spectralNormAdvance } from '../../models/spectralNorm';
import { drawClasses, drawLatents, drawMismatchedClasses, presentClasses } from '../../models/latentDraws';
import type { Random } from '../../util/random';
import type { Player, TrainingPlan } from '../player';
import { ganCatalogue } from './catalogue';
import type { StepContext } from './context';
import { liveWeights } from './liveWeights';
import { discriminatorLoss, generatorLoss } from './losses';

/** What the GAN's players draw from and update: the run's networks, data and seeded streams. */
export interface GanPlanInputs {
  readonly config: GanConfig;
  readonly dataset: Dataset;
  readonly models: GanModels;
  readonly ctx: StepContext;
  readonly random: Random;
  readonly sampler: EpochSampler;
  readonly generatorEma: GeneratorEma | undefined;
}

/**
 * The original paper's game: k discriminator updates, then one generator update, then the
 * generator average. Each update draws its inputs in a fixed order from the run's streams, so a
 * resume from a checkpoint replays the same steps.
 */
export function ganTrainingPlan(run: GanPlanInputs): TrainingPlan {
  const { config, dataset, models, ctx, random, sampler, generatorEma } = run;
  const batch = config.training.batchSize;
  const exampleShape = [batch, ...dataset.exampleShape];
  const { augmentation, instanceNoise } = config.regularizers;
  const [height = 0, width = 0] = dataset.exampleShape;
  const drawAugmented = augmentation && (() => drawAugmentation(random, batch, augmentation, height, width));
  const { latent } = models;
  const classCount = latent.classes?.names.length ?? 0;
  // A conditional model's classes that D sees mismatched with real examples; none when off (or one class only).
  const present = config.model.conditional?.mismatchedLabels ? presentClasses(dataset) : [];
  const mismatchClasses = present.length > 1 ? present : [];

  // After each D update: the original WGAN's clipping; spectral normalization's power iteration follows D's weights.
  const clip = ctx.weightClip !== undefined ? () => clipVariables(ctx.discriminatorVariables, ctx.weightClip!) : undefined;
  const advance = spectralNormAdvance(models.discriminator);
  const afterDiscriminatorUpdate = clip && advance ? () => { clip(); advance(); } : clip ?? advance;
  const live = liveWeights(ctx);

  const discriminator: Player = {
    name: 'discriminator',
    metrics: { loss: 'dLoss', gradNorm: 'gradNormD' },
    updates: config.training.dSteps,
    optimizer: ctx.discriminatorOptimizer,
    variables: [...ctx.discriminatorVariables, ...ctx.info?.qHeadVariables ?? []],
    prepare(step) {
      const sigma = instanceNoiseSigma(instanceNoise, step);
      const indices = sampler.next(batch);
      const r1Scale = r1ScaleAt(ctx.r1Every, step);
      // A conditional model's fakes take the real batch's classes: D judges both halves against the same labels.
      const classes = latent.classes ? gatherLabels(dataset, indices) : undefined;
      return discriminatorLoss(live.context(), {
        real: tf.tensor(gather(dataset, indices), exampleShape),
        latent: latentBatch(drawLatents(random, latent, batch, classes)),
        ...(sigma > 0 ? { instanceNoise: { sigma, real: normalTensor(random, exampleShape), fake: normalTensor(random, exampleShape) } } : {}),
        ...(ctx.gradientPenaltyWeight !== undefined ? { epsilon: interpolationWeights(random, batch, dataset.exampleShape.length) } : {}),
        ...(classes && mismatchClasses.length
          ? { mismatchedLabels: tf.tensor2d(oneHot(drawMismatchedClasses(random, classes, mismatchClasses), classCount), [batch, classCount]) }
          : {}),
        ...(drawAugmented ? { augmentation: { real: drawAugmented(), fake: drawAugmented() } } : {}),
        ...(r1Scale !== undefined ? { r1Scale } : {}),
      });
    },
    ...(afterDiscriminatorUpdate ? { afterUpdate: afterDiscriminatorUpdate } : {}),
  };

  const generator: Player = {
    name: 'generator',
    metrics: { loss: 'gLoss', gradNorm: 'gradNormG' },
    updates: 1,
    optimizer: ctx.generatorOptimizer,
    variables: ctx.generatorVariables,
    prepare(step) {
      const sigma = instanceNoiseSigma(instanceNoise, step);
      const generated = latentBatch(drawLatents(random, latent, batch, latent.classes && drawClasses(random, dataset, batch)));
      const fakeNoise = sigma > 0 ? normalTensor(random, exampleShape) : undefined;
      return generatorLoss(live.context(), {
        latent: generated,
        ...(fakeNoise ? { instanceNoise: { sigma, fake: fakeNoise } } : {}),
        ...(drawAugmented ? { augmentation: drawAugmented() } : {}),
      });
    },
  };

  return {
    players: [discriminator, generator],
    catalogue: ganCatalogue(config.objective.kind),
    weights: live.weights,
    ...(generatorEma ? { afterIteration: (stepsDone: number) => generatorEma.update(models.generator, stepsDone) } : {}),
    settings: (step) => {
      const sigma = instanceNoiseSigma(instanceNoise, step);
      return sigma > 0 ? { instanceNoiseSigma: sigma } : {};
    },
  };
}
