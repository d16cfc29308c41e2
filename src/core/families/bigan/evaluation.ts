import type { LayersModel } from '@tensorflow/tfjs-layers';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import { loadDigitClassifier } from '../../eval/digitClassifier';
import { classifierSplit } from '../../eval/digitSplit';
import { linearProbeAccuracy } from '../../eval/linearProbe';
import { nearestModes } from '../../eval/modeCoverage';
import type { FamilyFigure } from '../../run/evaluationRecords';
import { Random } from '../../util/random';
import { buildEncoder, type BiganNetworks } from './networks';
import { encode, reconstruct } from './views';

/** The probe's labelled examples per class: Donahue et al.'s scarce-label setting, where 1-NN on all labels saturates. */
export const PROBE_LABELS_PER_CLASS = 10;
/** Examples measured: the held-out fifth of the embedded digits is about 2,000. */
const MAX_MEASURED = 2000;
const probeSalt = 0x9e0b;

const perClass = `${PROBE_LABELS_PER_CLASS} labels/class`;
const probeFigure = (name: string, label: string, description: string, value: number, baseline = false): FamilyFigure => ({
  name, label: `linear probe on ${label}, ${perClass}`, value, unit: 'share', ...(baseline ? { baseline } : {}),
  description: `Held-out accuracy of a linear classifier trained on ${PROBE_LABELS_PER_CLASS} labelled examples per class, reading ${description}`,
});

/**
 * BiGAN's encoder figures on the run's data. With classes (labels, or a mixture's modes), the examples split as the digit
 * classifier's are (every 5th of a class held out): the probe learns from 10 labelled training
 * examples per class and is tested on the held-out ones, which is also where reconstructions are
 * measured. The encoder saw the held-out images during training, unlabelled, as a BiGAN trained on
 * all the data does; their labels it never saw.
 */
export async function encoderFigures(config: GanConfig, dataset: Dataset, networks: BiganNetworks): Promise<FamilyFigure[]> {
  const labels = classLabels(dataset);
  const split = labels ? classifierSplit(labels.of) : undefined;
  const measured = split ? split.heldOut : Uint32Array.from({ length: dataset.count }, (_, i) => i);
  const tested = measured.subarray(0, MAX_MEASURED);
  const random = Random.derive(config.seed, probeSalt);
  const { ratio, reconstructions } = await reconstructionFigures(networks, dataset, tested, random);
  const figures: FamilyFigure[] = [{
    name: 'reconstructionRatio', label: 'reconstruction ratio ‖x−G(E(x))‖ / ‖x′−G(E(x))‖', value: ratio, unit: 'value',
    description: 'How far G(E(x)) is from its own input x, over how far it is from another example x′: 1 before training, lower as E and G learn to invert each other',
  }];
  if (!split || !labels) return figures;
  const { of, classes } = labels;
  const probeTrain = labelledFew(split.train, of, random);
  const probe = async (features: (indices: ArrayLike<number>) => Promise<Float32Array>) => linearProbeAccuracy(
    { features: await features(probeTrain), labels: Int32Array.from(probeTrain, (i) => of[i]!) },
    { features: await features(tested), labels: Int32Array.from(tested, (i) => of[i]!) },
    { classes },
  );
  const untrained = buildEncoder(config.model, dataset, config.seed);
  try {
    figures.unshift(
      probeFigure('probe', 'E(x)', 'the trained encoder\'s codes E(x)', await probe((indices) => codes(networks.encoder, dataset, indices))),
      probeFigure('probePixels', 'raw pixels', 'the raw inputs (the baseline E must beat)', await probe(async (indices) => gather(dataset, indices)), true),
      probeFigure('probeUntrained', 'the untrained E', 'the codes of the encoder as initialised', await probe((indices) => codes(untrained, dataset, indices)), true),
    );
  } finally {
    untrained.dispose();
  }
  if (config.data.kind === 'mnist') {
    figures.push({
      name: 'reconstructionAgreement', label: 'reconstructions keeping their digit', unit: 'share',
      value: await agreement(reconstructions, Int32Array.from(tested, (i) => of[i]!)),
      description: 'Share of held-out digits x whose reconstruction G(E(x)) the shipped classifier reads as the digit of x',
    });
  }
  return figures;
}

/** The class of each example: its label, or for a Gaussian mixture the mode it was drawn nearest to. */
function classLabels(dataset: Dataset): { of: Int32Array; classes: number } | undefined {
  if (dataset.labels) return { of: dataset.labels, classes: dataset.classNames?.length ?? dataset.labels.reduce((a, b) => Math.max(a, b), 0) + 1 };
  if (dataset.mixture) return { of: nearestModes(dataset.values, dataset.mixture), classes: dataset.mixture.centers.length };
  return undefined;
}

async function codes(encoder: LayersModel, dataset: Dataset, indices: ArrayLike<number>): Promise<Float32Array> {
  const [values] = await readAndFree(tf.tidy(() => encode({ encoder }, tf.tensor(gather(dataset, indices), [indices.length, ...dataset.exampleShape]))));
  return values;
}

/** Mean ‖x − G(E(x))‖ over mean ‖x′ − G(E(x))‖, x′ another measured example (a seeded derangement). */
async function reconstructionFigures(networks: BiganNetworks, dataset: Dataset, indices: Uint32Array, random: Random) {
  const count = indices.length;
  const original = gather(dataset, indices);
  const [reconstructions] = await readAndFree(tf.tidy(() => reconstruct(networks, tf.tensor(original, [count, ...dataset.exampleShape]))));
  const size = original.length / count;
  const shift = 1 + random.int(Math.max(1, count - 1));
  let own = 0;
  let other = 0;
  for (let i = 0; i < count; i++) {
    const j = (i + shift) % count;
    let a = 0;
    let b = 0;
    for (let k = 0; k < size; k++) {
      const r = reconstructions[i * size + k]!;
      a += (original[i * size + k]! - r) ** 2;
      b += (original[j * size + k]! - r) ** 2;
    }
    own += Math.sqrt(a);
    other += Math.sqrt(b);
  }
  return { ratio: other > 0 ? own / other : Number.NaN, reconstructions };
}

/** `perClass` training examples of each class, drawn with the probe's own stream. */
function labelledFew(train: Uint32Array, labels: Int32Array, random: Random): Uint32Array {
  const order = Array.from(train);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const taken = new Map<number, number>();
  const chosen = order.filter((index) => {
    const count = taken.get(labels[index]!) ?? 0;
    taken.set(labels[index]!, count + 1);
    return count < PROBE_LABELS_PER_CLASS;
  });
  return Uint32Array.from(chosen.sort((a, b) => a - b));
}

/** Share of reconstructions the shipped digit classifier gives their input's digit. */
async function agreement(reconstructions: Float32Array, labels: Int32Array): Promise<number> {
  const classifier = await loadDigitClassifier();
  try {
    const predicted = await classifier.predict(reconstructions);
    let same = 0;
    for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) same++;
    return same / labels.length;
  } finally {
    classifier.dispose();
  }
}
