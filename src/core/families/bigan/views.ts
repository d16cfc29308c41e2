import type { Tensor } from '@tensorflow/tfjs-core';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import { fixedSubset, planeField } from '../../eval/field';
import { EVALUATION_CHUNK, generate } from '../../models/apply';
import { latentBatch, type LatentValues } from '../../models/latent';
import { drawLatents } from '../../models/latentDraws';
import type { AdversarialObjective } from '../../objectives/adversarial';
import { renderImageGrid } from '../../render/grid';
import { renderScatter } from '../../render/scatter';
import type { FieldRecord, HistogramRecord } from '../../run/records';
import { histogramDraws, histogramRecord } from '../../train/evaluation';
import type { SampleView } from '../family';
import { joinPair, pairCritic, type BiganNetworks } from './networks';

// The reconstructed examples are a fixed subset on their own stream: the same at every step.
const reconstructionSalt = 0x2ec0;
/** Pairs per row of the reconstruction grid: x, then G(E(x)), four times. */
const PAIRS_PER_ROW = 4;

/** E in inference mode, in chunks: evaluation batches can be large. */
export function encode(networks: Pick<BiganNetworks, 'encoder'>, x: Tensor): Tensor {
  const count = x.shape[0]!;
  if (count <= EVALUATION_CHUNK) return networks.encoder.apply(x, { training: false }) as Tensor;
  const parts: Tensor[] = [];
  for (let start = 0; start < count; start += EVALUATION_CHUNK) {
    const size = Math.min(EVALUATION_CHUNK, count - start);
    parts.push(networks.encoder.apply(tf.slice(x, [start, ...x.shape.slice(1).map(() => 0)], [size, ...x.shape.slice(1)]), { training: false }) as Tensor);
  }
  return tf.concat(parts, 0);
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
  return histogramRecord(step, real, fake, objective, bins);
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

/** x beside G(E(x)) for fixed examples: images in pairs, 2D points as a scatter of both. */
export function reconstructionView(networks: BiganNetworks, dataset: Dataset, seed: number, requested: number): SampleView {
  const images = dataset.kind === 'images';
  const count = images ? Math.max(PAIRS_PER_ROW, Math.floor(requested / 2)) : 512;
  const indices = fixedSubset(seed, dataset.count, count, reconstructionSalt);
  const shown = indices.length;
  return {
    name: 'reconstructions',
    title: 'Reconstructions x | G(E(x))',
    description: images
      ? 'Fixed training examples, each followed by G(E(x)): BiGAN reconstructions keep what the encoder captured (the digit), not every pixel.'
      : 'Fixed training points (blue) and G(E(x)) for each (orange).',
    async render() {
      const original = gather(dataset, indices);
      const [reconstructed] = await readAndFree(tf.tidy(() => reconstruct(networks, tf.tensor(original, [shown, ...dataset.exampleShape]))));
      if (!images) return renderScatter(original, reconstructed);
      const size = original.length / shown;
      const interleaved = new Float32Array(original.length * 2);
      for (let i = 0; i < shown; i++) {
        interleaved.set(original.subarray(i * size, (i + 1) * size), 2 * i * size);
        interleaved.set(reconstructed.subarray(i * size, (i + 1) * size), (2 * i + 1) * size);
      }
      const scale = dataset.exampleShape[0]! <= 32 ? 2 : 1;
      return renderImageGrid(interleaved, dataset.exampleShape, { scale, columns: 2 * PAIRS_PER_ROW });
    },
  };
}

