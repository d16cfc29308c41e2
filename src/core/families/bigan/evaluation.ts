import type { LayersModel } from '@tensorflow/tfjs-layers';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import { labelledPerClass } from '../../eval/digitSplit';
import { linearProbeAccuracy } from '../../eval/linearProbe';
import type { FamilyFigure } from '../../run/evaluationRecords';
import { Random } from '../../util/random';
import { buildEncoder, type BiganNetworks } from './networks';
import { encode, reconstruct } from './views';
import { measuredExamples, reconstructionFigures } from '../shared/reconstruction';

/** The probe's labelled examples per class: Donahue et al.'s scarce-label setting, where 1-NN on all labels saturates. */
export const PROBE_LABELS_PER_CLASS = 10;
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
  const examples = measuredExamples(dataset);
  const random = Random.derive(config.seed, probeSalt);
  const reconstructions = await reconstructionFigures(config, dataset, examples, random, (x) => reconstruct(networks, x));
  const { classes, split, tested } = examples;
  if (!classes || !split) return reconstructions;
  const probeTrain = labelledPerClass(split.train, classes.of, PROBE_LABELS_PER_CLASS, random);
  const probe = async (features: (indices: ArrayLike<number>) => Promise<Float32Array>) => linearProbeAccuracy(
    { features: await features(probeTrain), labels: Int32Array.from(probeTrain, (i) => classes.of[i]!) },
    { features: await features(tested), labels: Int32Array.from(tested, (i) => classes.of[i]!) },
    { classes: classes.count },
  );
  const untrained = buildEncoder(config.model, dataset, config.seed);
  try {
    return [
      probeFigure('probe', 'E(x)', 'the trained encoder\'s codes E(x)', await probe((indices) => codes(networks.encoder, dataset, indices))),
      probeFigure('probePixels', 'raw pixels', 'the raw inputs (the baseline E must beat)', await probe(async (indices) => gather(dataset, indices)), true),
      probeFigure('probeUntrained', 'the untrained E', 'the codes of the encoder as initialised', await probe((indices) => codes(untrained, dataset, indices)), true),
      ...reconstructions,
    ];
  } finally {
    untrained.dispose();
  }
}

async function codes(encoder: LayersModel, dataset: Dataset, indices: ArrayLike<number>): Promise<Float32Array> {
  const [values] = await readAndFree(tf.tidy(() => encode({ encoder }, tf.tensor(gather(dataset, indices), [indices.length, ...dataset.exampleShape]))));
  return values;
}
