import type { Tensor } from '@tensorflow/tfjs-core';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import { fixedSubset } from '../../eval/field';
import { histogramDraws, histogramRecord } from '../../eval/histogramDraws';
import type { AdversarialObjective } from '../../objectives/adversarial';
import type { HistogramKey } from '../../run/histogramKeys';
import type { HistogramRecord } from '../../run/records';
import type { SampleView } from '../family';
import { scorePerImage, translate } from '../shared/translation/apply';
import { renderSideBySide } from '../shared/translation/views';
import type { Pix2PixNetworks } from './networks';
import { stackPair } from './plan';

const viewSalt = 0x919c;
const TRIPLES_PER_ROW = 3;

/** Rows of a | G(a) | b for fixed held-out pairs: the condition, the output, and what it should be. */
export function pairsView(dataset: Dataset, networks: Pix2PixNetworks, seed: number, requested: number): SampleView {
  const { heldOut } = dataset.translation!;
  const count = Math.max(1, Math.floor(requested / (3 * TRIPLES_PER_ROW))) * TRIPLES_PER_ROW;
  const indices = Array.from(fixedSubset(seed, heldOut.source.count, count, viewSalt));
  return {
    name: 'pairs', title: 'Held-out pairs a | G(a) | b',
    description: 'Held-out inputs a, each followed by the generator\'s output G(a) and the true b of its pair.',
    async render() {
      const a = gather(heldOut.source, indices);
      const [output] = await readAndFree(tf.tidy(() => translate(networks.generator, tf.tensor(a, [indices.length, ...heldOut.source.exampleShape]))));
      return renderSideBySide([[
        { values: a, shape: heldOut.source.exampleShape },
        { values: output, shape: heldOut.target.exampleShape },
        { values: gather(heldOut.target, indices), shape: heldOut.target.exampleShape },
      ]], TRIPLES_PER_ROW);
    },
  };
}

const pairKey: HistogramKey = { view: 'discriminator', title: 'D outputs: real pairs vs generated pairs', realLabel: 'D(a, b), real', fakeLabel: 'D(a, G(a)), generated' };

/** The critic's displayed output per pair (the mean over its patches) on training pairs and on (a, G(a)). */
export async function pairHistogram(step: number, seed: number, networks: Pix2PixNetworks, objective: AdversarialObjective, dataset: Dataset, bins: number): Promise<HistogramRecord> {
  const { count, real } = histogramDraws(step, seed, dataset);
  const source = dataset.translation!.source;
  const critic = networks.discriminator!;
  const perPair = (x: Tensor) => scorePerImage(critic, objective, x);
  const [realScores, fakeScores] = await readAndFree(...tf.tidy(() => {
    const a = tf.tensor(gather(source, real.indices), [count, ...source.exampleShape]);
    return [perPair(stackPair(a, real.tensor())), perPair(stackPair(a, translate(networks.generator, a)))] as const;
  }));
  return histogramRecord(pairKey, step, realScores, fakeScores, objective, bins);
}
