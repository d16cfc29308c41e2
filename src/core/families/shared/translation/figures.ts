import type { LayersModel } from '@tensorflow/tfjs-layers';
import { readAndFree } from '../../../backend/reads';
import { tf } from '../../../backend/tf';
import type { Dataset } from '../../../data/dataset';
import { gather } from '../../../data/sampler';
import type { DigitClassifier } from '../../../eval/digitClassifier';
import { fixedSubset } from '../../../eval/field';
import { translate } from './apply';

// Measured on the held-out fifth of each domain, at most this many, on their own stream.
const MAX_MEASURED = 1000;
const measureSalt = 0xc7e5;

/** The held-out examples of `domain` a figure measures: a fixed subset per `salt`, the same at every evaluation. */
export function measuredIndices(domain: Dataset, seed: number, salt: number): number[] {
  return Array.from(fixedSubset(seed, domain.count, MAX_MEASURED, measureSalt + salt));
}

/** Translations of `from`'s measured examples, example-major. */
export async function translateExamples(translator: LayersModel, from: Dataset, indices: readonly number[]): Promise<Float32Array> {
  const [translated] = await readAndFree(tf.tidy(() => translate(translator, tf.tensor(gather(from, indices), [indices.length, ...from.exampleShape]))));
  return translated;
}

/** Share of held-out `from` images whose translation into the plain digits the classifier reads as their own (hidden) label. */
export async function digitAccuracy(classifier: DigitClassifier, from: Dataset, translator: LayersModel, seed: number): Promise<number> {
  if (!from.labels) return Number.NaN;
  const indices = measuredIndices(from, seed, 3);
  const predicted = await classifier.predict(await translateExamples(translator, from, indices));
  return indices.filter((index, i) => predicted[i] === from.labels![index]).length / indices.length;
}
