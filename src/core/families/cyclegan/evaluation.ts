import type { LayersModel } from '@tensorflow/tfjs-layers';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { DataConfig } from '../../config/dataSchema';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import { loadDigitClassifier, type DigitClassifier } from '../../eval/digitClassifier';
import { cycleFigureNames, HIDDEN_SIGNAL_NOISE } from '../../eval/cycleFigures';
import type { FamilyFigure } from '../../run/evaluationRecords';
import { Random } from '../../util/random';
import type { CycleGanNetworks } from './translators';
import { translate } from '../shared/translation/apply';
import { digitAccuracy, measuredIndices } from '../shared/translation/figures';
import { plainDigitSide } from '../../data/domains/domainShape';

// The noise check and the random pairs draw from their own stream.
const measureSalt = 0xc7f0;

interface Direction {
  readonly from: Dataset;
  readonly there: LayersModel;
  readonly back: LayersModel;
}

/**
 * CycleGAN's figures on held-out images. Each way: the round trip's L1 error beside the L1 between
 * random pairs of the domain (what an identity-blind cycle would score) and the round trip with
 * small noise added to the translation (a much larger error means the cycle rides on hidden,
 * near-invisible signal). Where one domain is the plain digits: the share of translations into it
 * that the shipped classifier reads as the source's hidden label, for the trained translator and an
 * untrained one, and the label-flip rate of the digits' own round trip.
 */
export async function translationFigures(data: DataConfig, dataset: Dataset, networks: CycleGanNetworks, untrained: () => CycleGanNetworks, seed: number): Promise<FamilyFigure[]> {
  const { heldOut } = dataset.translation!;
  const directions = (nets: CycleGanNetworks) => ({
    ab: { from: heldOut.source, there: nets.generatorAB, back: nets.generatorBA },
    ba: { from: heldOut.target, there: nets.generatorBA, back: nets.generatorAB },
  });
  const fresh = untrained();
  try {
    const [trained, initial] = [directions(networks), directions(fresh)];
    const figures: FamilyFigure[] = [];
    for (const [side, way] of [['A', 'ab'], ['B', 'ba']] as const) {
      const errors = await roundTripErrors(side, trained[way], seed);
      const { clean } = await roundTripErrors(side, initial[way], seed);
      figures.push(...cycleFigures(side, errors, clean));
    }
    const digits = plainDigitSide(data);
    if (!digits) return figures;
    // Into the digits: b → a when a is the digits, a → b when b is; the digits' own round trip starts from them.
    const [into, round] = digits === 'a' ? ['ba', 'ab'] as const : ['ab', 'ba'] as const;
    const classifier = await loadDigitClassifier();
    try {
      const other = digits === 'a' ? 'b' : 'a';
      figures.push(
        { name: 'translationAccuracy', label: `translations ${other} → ${digits} read as the source's digit`, unit: 'share',
          value: await digitAccuracy(classifier, trained[into].from, trained[into].there, seed),
          description: `Share of held-out images of ${other} translated into the plain digits (${digits}) that the shipped classifier gives the source image's hidden label` },
        { name: 'translationAccuracyUntrained', label: 'the same, untrained translator', unit: 'share', baseline: true,
          value: await digitAccuracy(classifier, initial[into].from, initial[into].there, seed),
          description: 'The same share for the translator as initialised: what chance and the untrained network score' },
        { name: 'labelFlipRate', label: `round trips ${digits} → ${other} → ${digits} changing the digit`, unit: 'share',
          value: await labelFlipRate(classifier, trained[round], seed),
          description: `Of held-out digits the classifier reads correctly, the share whose round trip (${digits} → ${other} → ${digits}) it reads as another digit` },
        { name: 'labelFlipRateUntrained', label: 'the same, untrained translators', unit: 'share', baseline: true,
          value: await labelFlipRate(classifier, initial[round], seed),
          description: 'The same share for the translators as initialised' },
      );
    } finally {
      classifier.dispose();
    }
    return figures;
  } finally {
    fresh.dispose();
  }
}

interface RoundTripErrors {
  /** Mean L1 between held-out images and their round trip. */
  readonly clean: number;
  /** The same with noise of σ HIDDEN_SIGNAL_NOISE added to the translation. */
  readonly noisy: number;
  /** Mean L1 between two unrelated held-out images of the domain. */
  readonly pairs: number;
}

async function roundTripErrors(side: 'A' | 'B', { from, there, back }: Direction, seed: number): Promise<RoundTripErrors> {
  // Each side's noise and pairing from its own stream: the trained and the untrained networks see the same.
  const random = Random.derive(seed, measureSalt, side === 'A' ? 1 : 2);
  const indices = measuredIndices(from, seed, side === 'A' ? 1 : 2);
  const count = indices.length;
  const x = gather(from, indices);
  const [clean, noisy] = await readAndFree(...tf.tidy(() => {
    const translated = translate(there, tf.tensor(x, [count, ...from.exampleShape]));
    const noise = tf.randomNormal(translated.shape, 0, HIDDEN_SIGNAL_NOISE, 'float32', random.uint32());
    return [translate(back, translated), translate(back, tf.add(translated, noise))] as const;
  }));
  const size = x.length / count;
  const shift = 1 + random.int(Math.max(1, count - 1));
  let [own, underNoise, pairs] = [0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    own += Math.abs(clean[i]! - x[i]!);
    underNoise += Math.abs(noisy[i]! - x[i]!);
    pairs += Math.abs(x[i]! - x[((Math.floor(i / size) + shift) % count) * size + (i % size)]!);
  }
  return { clean: own / x.length, noisy: underNoise / x.length, pairs: pairs / x.length };
}

function cycleFigures(side: 'A' | 'B', errors: RoundTripErrors, untrained: number): FamilyFigure[] {
  const domain = side.toLowerCase();
  const names = cycleFigureNames(side);
  const trip = side === 'A' ? 'a → b → a' : 'b → a → b';
  return [
    { name: names.clean, label: `cycle error ${trip} (mean L1)`, unit: 'value', value: errors.clean,
      description: `Mean absolute difference between held-out ${domain} and its round trip, per value on the [-1, 1] scale` },
    { name: `${names.clean}Untrained`, label: `cycle error ${trip}, untrained`, unit: 'value', value: untrained, baseline: true,
      description: 'The same for the translators as initialised' },
    { name: names.pairs, label: `L1 between random pairs of ${domain}`, unit: 'value', value: errors.pairs, baseline: true,
      description: `Mean absolute difference between two unrelated held-out images of ${domain}: a cycle error near it keeps nothing of the input` },
    { name: names.noisy, label: `cycle error ${trip}, noise σ ${HIDDEN_SIGNAL_NOISE} on the translation`, unit: 'value', value: errors.noisy,
      description: 'The round trip with faint Gaussian noise added to the translation: far above the clean cycle error, the translators hide the source in invisible signal (steganography)' },
  ];
}

/** Of the digits read correctly, the share whose round trip is read as another digit. */
async function labelFlipRate(classifier: DigitClassifier, { from, there, back }: Direction, seed: number): Promise<number> {
  if (!from.labels) return Number.NaN;
  const indices = measuredIndices(from, seed, 4);
  const x = gather(from, indices);
  const [returned] = await readAndFree(tf.tidy(() => translate(back, translate(there, tf.tensor(x, [indices.length, ...from.exampleShape])))));
  const [before, after] = [await classifier.predict(x), await classifier.predict(returned)];
  const readable = indices.map((_, i) => i).filter((i) => before[i] === from.labels![indices[i]!]);
  return readable.length ? readable.filter((i) => after[i] !== before[i]).length / readable.length : Number.NaN;
}
