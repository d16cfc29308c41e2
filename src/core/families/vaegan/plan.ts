import type { Optimizer, Scalar, Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../backend/tf';
import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import type { AdversarialObjective } from '../../objectives/adversarial';
import { normalTensor } from '../../objectives/draws';
import { realTarget } from '../../objectives/labelSmoothing';
import { r1ScaleAt, withR1 } from '../../objectives/r1';
import type { FamilyStreams } from '../family';
import { trainableVariables, type Loss, type Player, type TrainingPlan } from '../player';
import { tunableWeight } from '../shared/tunableWeight';
import { drawCode, klDivergence, posterior, summedSquaredError } from '../vae/networks';
import { vaeGanCatalogue } from './catalogue';
import { judge, type VaeGanNetworks } from './networks';

type VaeGanSection = Extract<NonNullable<GanConfig['family']>, { kind: 'vae-gan' }>;

export interface VaeGanContext {
  readonly config: GanConfig;
  readonly section: VaeGanSection;
  readonly dataset: Dataset;
  readonly networks: VaeGanNetworks;
  readonly objective: AdversarialObjective;
  readonly optimizers: { readonly discriminator: Optimizer; readonly encoder: Optimizer; readonly decoder: Optimizer };
}

/** ln 2: a logistic D's loss on each side when it cannot tell real from fake, the centre of the gating band. */
const EQUILIBRIUM = 0.68;

/**
 * Larsen et al.'s three players, each on its own draw: D rejects reconstructions x̃ and prior
 * samples x_p; the encoder minimises β·KL plus the error of x̃ in D's features; the decoder
 * minimises γ times that error plus fooling D on x̃ and x_p. With gating, D holds while its real or
 * fake loss is below ln 2 − margin (it is winning), the decoder while either is above ln 2 + margin.
 */
export function vaeGanTrainingPlan(ctx: VaeGanContext, { random, sampler }: FamilyStreams): TrainingPlan {
  const { config, section, dataset, networks, objective, optimizers } = ctx;
  const { encoder, decoder, discriminator, latent } = networks;
  const batch = config.training.batchSize;
  const target = realTarget(config.regularizers);
  const { r1 } = config.regularizers;
  let last: { real: number; fake: number } | undefined;
  const margin = section.equilibrium?.margin;
  const klWeight = tunableWeight('kl', 'KL weight β', section.klWeight);
  const featureWeight = tunableWeight('feature', 'feature reconstruction weight γ', section.featureWeight);
  const r1Gamma = r1 && tunableWeight('r1', 'R1 γ', r1.gamma);
  // What this iteration's gating decided (at D's turn, the first), for both players and the metrics line.
  const updated = { discriminator: true, decoder: true };
  const dActive = () => {
    const winning = margin !== undefined && last !== undefined && (last.real < EQUILIBRIUM - margin || last.fake < EQUILIBRIUM - margin);
    const losing = margin !== undefined && last !== undefined && (last.real > EQUILIBRIUM + margin || last.fake > EQUILIBRIUM + margin);
    // Both held would freeze the game for good (the losses that gate them would never move): train both, as the original does.
    const both = winning && losing;
    updated.discriminator = both || !winning;
    updated.decoder = both || !losing;
    return updated.discriminator;
  };
  const decoderActive = () => updated.decoder;

  /** A batch of data, its codes' noise and prior codes, drawn in a fixed order. */
  const draw = () => ({
    x: tf.tensor(gather(dataset, sampler.next(batch)), [batch, ...dataset.exampleShape]),
    epsilon: normalTensor(random, [batch, latent.noiseSize]),
    prior: normalTensor(random, [batch, latent.noiseSize]),
  });
  const decode = (z: Tensor) => decoder.apply(z, { training: true }) as Tensor;
  const reconstructionOf = (x: Tensor, epsilon: Tensor) => {
    const { mean, logVariance } = posterior(encoder, x, true);
    return { reconstructed: decode(drawCode(mean, logVariance, epsilon)), kl: klDivergence(mean, logVariance) };
  };
  /** ½ Σ (D_l(x) − D_l(x̃))² per example, with D's scores of x̃ from the same pass (one batch, so batch norm sees both). */
  const inFeatures = (x: Tensor, reconstructed: Tensor) => {
    const { scores, features } = judge(discriminator, tf.concat([x, reconstructed], 0), true);
    const [real, fake] = tf.split(features, 2, 0) as [Tensor, Tensor];
    const [, fakeScores] = tf.split(scores, 2, 0) as [Tensor, Tensor];
    return { error: tf.mul(summedSquaredError(real, fake), 0.5) as Scalar, reconstructedScores: fakeScores };
  };

  const discriminatorPlayer: Player = {
    name: 'discriminator', metrics: { loss: 'dLoss', gradNorm: 'gradNormD' }, updates: config.training.dSteps,
    optimizer: optimizers.discriminator, variables: trainableVariables(discriminator), active: dActive,
    prepare(step) {
      const r1Scale = r1ScaleAt(r1?.every, step);
      const { x, epsilon, prior } = draw();
      const reconstructed = reconstructionOf(x, epsilon).reconstructed;
      const sampled = decode(prior);
      return (): Loss => {
        const realScores = judge(discriminator, x, true).scores;
        const priorScores = judge(discriminator, sampled, true).scores;
        const fakeScores = section.reconstructionsAsFakes ? tf.concat([judge(discriminator, reconstructed, true).scores, priorScores], 0) : priorScores;
        const losses = objective.discriminatorLoss(realScores, fakeScores, target);
        const parts: Record<string, Scalar> = {
          dLossReal: losses.real, dLossFake: losses.fake,
          dReal: tf.mean(objective.displayed(realScores)) as Scalar, dFake: tf.mean(objective.displayed(priorScores)) as Scalar,
        };
        let total: Scalar = losses.total;
        if (r1Gamma) total = withR1(total, parts, (input) => judge(discriminator, input, true).scores, x, r1Gamma.get(), r1Scale);
        return { total, parts };
      };
    },
  };

  const encoderPlayer: Player = {
    name: 'encoder', metrics: { loss: 'encoderLoss', gradNorm: 'gradNormE' }, updates: 1,
    optimizer: optimizers.encoder, variables: trainableVariables(encoder),
    prepare() {
      const { x, epsilon } = draw();
      return (): Loss => {
        const { reconstructed, kl } = reconstructionOf(x, epsilon);
        const { error } = inFeatures(x, reconstructed);
        return { total: tf.add(tf.mul(kl, klWeight.get()), error), parts: { klLoss: kl, featureReconstructionLoss: error } };
      };
    },
  };

  const decoderPlayer: Player = {
    name: 'decoder', metrics: { loss: 'gLoss', gradNorm: 'gradNormG' }, updates: 1,
    optimizer: optimizers.decoder, variables: trainableVariables(decoder), active: decoderActive,
    prepare() {
      const { x, epsilon, prior } = draw();
      // The encoder's code is fixed for this update: the decoder's loss must not move it.
      const { mean, logVariance } = posterior(encoder, x, true);
      const code = drawCode(mean, logVariance, epsilon);
      return (): Loss => {
        const { error, reconstructedScores } = inFeatures(x, decode(code));
        const adversarial = objective.generatorLoss(tf.concat([reconstructedScores, judge(discriminator, decode(prior), true).scores], 0));
        return { total: tf.add(tf.mul(error, featureWeight.get()), adversarial), parts: { decoderAdversarialLoss: adversarial } };
      };
    },
  };

  return {
    players: [discriminatorPlayer, encoderPlayer, decoderPlayer],
    catalogue: vaeGanCatalogue(config.objective.kind),
    weights: [klWeight, featureWeight, ...r1Gamma ? [r1Gamma] : []],
    observe: (values) => {
      const [real, fake] = [values['dLossReal'], values['dLossFake']];
      if (real !== undefined && fake !== undefined) last = { real, fake };
    },
    ...(margin !== undefined ? { settings: () => ({ discriminatorUpdated: updated.discriminator ? 1 : 0, decoderUpdated: updated.decoder ? 1 : 0 }) } : {}),
  };
}
