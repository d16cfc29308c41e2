import type { Tensor } from '@tensorflow/tfjs-core';
import { adversarialObjective } from '../../objectives/adversarial';
import { normalTensor } from '../../objectives/draws';
import { createOptimizer } from '../../optim/optimizers';
import { histogramDraws, histogramRecord } from '../../eval/histogramDraws';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { HistogramKey } from '../../run/histogramKeys';
import type { Family } from '../family';
import { encoderParts } from '../vae/family';
import { reconstructMean } from '../vae/networks';
import { buildVaeGanNetworks, judge } from './networks';
import { vaeGanTrainingPlan } from './plan';

const priorHistogramKey: HistogramKey = {
  view: 'discriminator', title: 'D outputs: real vs prior samples', realLabel: 'D(x), real', fakeLabel: 'D(Dec(z)), z from the prior',
};
const reconstructionHistogramKey: HistogramKey = {
  view: 'reconstructions', title: 'D outputs: real vs reconstructions', realLabel: 'D(x), real', fakeLabel: 'D(x̃), x̃ = Dec(Enc(x))',
};

/** VAE-GAN: the VAE's encoder and decoder, with reconstructions compared in a discriminator's features. */
export const vaeGanFamily: Family = {
  build(config, dataset) {
    if (config.family?.kind !== 'vae-gan') throw new Error(`the vae-gan family built for a ${config.family?.kind ?? 'gan'} config`);
    const networks = buildVaeGanNetworks(config.model, dataset, config.seed);
    const optimizers = {
      discriminator: createOptimizer(config.training.discriminatorOptimizer),
      encoder: createOptimizer(config.training.generatorOptimizer),
      decoder: createOptimizer(config.training.generatorOptimizer),
    };
    const objective = adversarialObjective(config.objective);
    const ctx = { config, section: config.family, dataset, networks, objective, optimizers };
    const { encoder, decoder, discriminator, latent } = networks;
    return {
      checkpointParts: {
        networks: { generator: decoder, encoder, discriminator },
        optimizers: { discriminatorOptimizer: optimizers.discriminator, encoderOptimizer: optimizers.encoder, generatorOptimizer: optimizers.decoder },
      },
      plan: (streams) => vaeGanTrainingPlan(ctx, streams),
      shown: { generator: decoder, latent },
      ...encoderParts(config, dataset, networks),
      // D's outputs on real digits against each kind of fake it is shown: prior samples and reconstructions.
      histograms: async (step, bins) => {
        const { random, count, real } = histogramDraws(step, config.seed, dataset);
        const [realScores, priorScores, reconstructionScores] = await readAndFree(...tf.tidy(() => {
          const x = real.tensor();
          const sampled = decoder.apply(normalTensor(random, [count, latent.noiseSize]), { training: false }) as Tensor;
          const reconstructed = reconstructMean(networks, x);
          const scores = (input: Tensor) => objective.displayed(judge(discriminator, input, false).scores);
          return [scores(x), scores(sampled), scores(reconstructed)] as const;
        }));
        return [
          histogramRecord(priorHistogramKey, step, realScores, priorScores, objective, bins),
          histogramRecord(reconstructionHistogramKey, step, realScores, reconstructionScores, objective, bins),
        ];
      },
      dispose: () => {
        networks.dispose();
        Object.values(optimizers).forEach((optimizer) => optimizer.dispose());
      },
    };
  },
};
