import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import { fixedSubset } from '../../eval/field';
import { histogramDraws, histogramRecord } from '../../eval/histogramDraws';
import { scorePerImage, translate } from '../shared/translation/apply';
import type { AdversarialObjective } from '../../objectives/adversarial';
import { renderSideBySide, type ImageSet } from '../shared/translation/views';
import type { HistogramKey } from '../../run/histogramKeys';
import type { HistogramRecord } from '../../run/records';
import type { SampleView } from '../family';
import type { CycleGanNetworks } from './translators';

// The translated examples are a fixed subset of each held-out domain on their own stream: the same at every step.
const viewSalt = 0xc7c1;
/** Triples per grid row: source | translation | round trip, three times. */
const TRIPLES_PER_ROW = 3;


/**
 * Rows of a | G_AB(a) | G_BA(G_AB(a)) for fixed held-out a, then of b | G_BA(b) | G_AB(G_BA(b)) for
 * fixed held-out b: what each translator makes and whether the round trip gives the input back.
 */
export function translationView(dataset: Dataset, networks: CycleGanNetworks, seed: number, requested: number): SampleView {
  const { heldOut } = dataset.translation!;
  const perDomain = Math.max(1, Math.floor(requested / (2 * 3 * TRIPLES_PER_ROW))) * TRIPLES_PER_ROW;
  const pick = (domain: Dataset, salt: number) => Array.from(fixedSubset(seed, domain.count, perDomain, salt));
  const [a, b] = [heldOut.source, heldOut.target];
  const sides = [
    { from: a, to: b, indices: pick(a, viewSalt), there: networks.generatorAB, back: networks.generatorBA },
    { from: b, to: a, indices: pick(b, viewSalt + 1), there: networks.generatorBA, back: networks.generatorAB },
  ];
  return {
    name: 'translations', title: 'Translations a → b → a and b → a → b',
    description: 'Held-out images, each followed by its translation to the other domain and the translation back.',
    async render() {
      const sections: ImageSet[][] = [];
      for (const { from, to, indices, there, back } of sides) {
        const x = gather(from, indices);
        const [translated, returned] = await readAndFree(...tf.tidy(() => {
          const forward = translate(there, tf.tensor(x, [indices.length, ...from.exampleShape]));
          return [forward, translate(back, forward)] as const;
        }));
        sections.push([{ values: x, shape: from.exampleShape }, { values: translated, shape: to.exampleShape }, { values: returned, shape: from.exampleShape }]);
      }
      return renderSideBySide(sections, TRIPLES_PER_ROW);
    },
  };
}

const histogramKeys: Record<'a' | 'b', HistogramKey> = {
  a: { view: 'discriminatorA', title: 'D_A outputs: a vs G_BA(b)', realLabel: 'D_A(a), real', fakeLabel: 'D_A(G_BA(b)), translated' },
  b: { view: 'discriminatorB', title: 'D_B outputs: b vs G_AB(a)', realLabel: 'D_B(b), real', fakeLabel: 'D_B(G_AB(a)), translated' },
};

/** Each critic's displayed output per image (the mean over its patches) on real images and on translations into its domain. */
export async function criticHistograms(
  step: number, seed: number, networks: CycleGanNetworks, objective: AdversarialObjective, dataset: Dataset, bins: number,
): Promise<HistogramRecord[]> {
  const { random, count, real } = histogramDraws(step, seed, dataset);
  const source = dataset.translation!.source;
  const sourceIndices = Array.from({ length: count }, () => random.int(source.count));
  const perImage = (critic: LayersModel, x: Tensor) => scorePerImage(critic, objective, x);
  const [realA, fakeA, realB, fakeB] = await readAndFree(...tf.tidy(() => {
    const a = tf.tensor(gather(source, sourceIndices), [count, ...source.exampleShape]);
    const b = real.tensor();
    return [
      perImage(networks.discriminatorA, a), perImage(networks.discriminatorA, translate(networks.generatorBA, b)),
      perImage(networks.discriminatorB, b), perImage(networks.discriminatorB, translate(networks.generatorAB, a)),
    ] as const;
  }));
  return [
    histogramRecord(histogramKeys.a, step, realA, fakeA, objective, bins),
    histogramRecord(histogramKeys.b, step, realB, fakeB, objective, bins),
  ];
}
