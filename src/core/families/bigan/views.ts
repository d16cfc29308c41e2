import type { Tensor } from '@tensorflow/tfjs-core';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { Dataset } from '../../data/dataset';
import { planeField } from '../../eval/field';
import { criticOf, EVALUATION_CHUNK, generate } from '../../models/apply';
import { latentBatch, type LatentValues } from '../../models/latent';
import { drawLatents } from '../../models/latentDraws';
import type { AdversarialObjective } from '../../objectives/adversarial';
import type { HistogramKey } from '../../run/histogramKeys';
import type { FieldRecord, HistogramRecord } from '../../run/records';
import { histogramDraws, histogramRecord } from '../../eval/histogramDraws';
import { joinPair, pairCritic, type BiganNetworks } from './networks';

/** D judges pairs: the encoder's (x, E(x)) against the generator's (G(z), z). */
const pairHistogramKey: HistogramKey = {
  view: 'discriminator', title: 'D outputs: encoded pairs vs generated pairs', realLabel: 'D(x, E(x)), encoded', fakeLabel: 'D(G(z), z), generated',
};

/** E in inference mode, in chunks (evaluation batches can be large): the chunked application D's evaluation uses. */
export function encode(networks: Pick<BiganNetworks, 'encoder'>, x: Tensor): Tensor {
  return criticOf(networks.encoder, undefined, false, EVALUATION_CHUNK)(x);
}

/** G(E(x)) in inference mode. */
export function reconstruct(networks: Pick<BiganNetworks, 'encoder' | 'generator'>, x: Tensor): Tensor {
  return generate(networks.generator, { z: encode(networks, x) }, false);
}

/** D's displayed output on encoded pairs (x, E(x)) and generated pairs (G(z), z). */
export async function pairHistogram(
  step: number, seed: number, networks: BiganNetworks, objective: AdversarialObjective, dataset: Dataset, bins: number,
): Promise<HistogramRecord> {
  const { random, count, real: realBatch } = histogramDraws(step, seed, dataset);
  const [real, fake] = await readAndFree(...tf.tidy(() => {
    const z = latentBatch(drawLatents(random, networks.latent, count)).z;
    const x = realBatch.tensor();
    const D = pairCritic(networks.discriminator, dataset.exampleShape, networks.latent.noiseSize, false);
    const generated = generate(networks.generator, { z }, false);
    return [objective.displayed(D(joinPair(x, encode(networks, x)))), objective.displayed(D(joinPair(generated, z)))] as const;
  }));
  return histogramRecord(pairHistogramKey, step, real, fake, objective, bins);
}

/**
 * BiGAN's plane: the encoder's first code E(x)₀ over the plane (its level sets are the lines the
 * encoder maps to one code), G's points for the fixed noise, and the push on each from G's loss
 * with its z held fixed.
 */
export function encoderField(
  step: number, seed: number, networks: BiganNetworks, objective: AdversarialObjective, dataset: Dataset, latents: LatentValues,
): Promise<FieldRecord> {
  const latentSize = networks.latent.noiseSize;
  return planeField(step, seed, dataset, false, (grid) => {
    const z = latentBatch(latents, 0, Math.min(256, latents.count)).z;
    const fake = generate(networks.generator, { z }, false);
    const D = pairCritic(networks.discriminator, dataset.exampleShape, latentSize, false);
    const lossGradient = tf.grad((x: Tensor) => objective.generatorLoss(D(joinPair(x, z))));
    const codes = encode(networks, grid);
    const first = latentSize === 1 ? codes : tf.slice(codes, [0, 0], [codes.shape[0]!, 1]);
    return { scores: first, fake, arrows: tf.neg(lossGradient(fake)) };
  }, latentSize === 1 ? 'E(x)' : 'E(x)₀');
}
