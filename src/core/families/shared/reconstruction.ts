import type { Tensor } from '@tensorflow/tfjs-core';
import { readAndFree } from '../../backend/reads';
import { tf } from '../../backend/tf';
import type { GanConfig } from '../../config/schema';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import { loadDigitClassifier } from '../../eval/digitClassifier';
import { classifierSplit, type DigitSplit } from '../../eval/digitSplit';
import { fixedSubset } from '../../eval/field';
import { nearestModes } from '../../eval/modeCoverage';
import { renderImageGrid } from '../../render/grid';
import { renderScatter } from '../../render/scatter';
import type { FamilyFigure } from '../../run/evaluationRecords';
import type { Random } from '../../util/random';
import type { SampleView } from '../family';

// For the families that reconstruct their input (BiGAN's G(E(x)), the VAE's decoder of its code):
// the reconstructions view and the figures that measure reconstructions, one definition for all.

/** x → its reconstruction, in inference mode, inside a tidy. */
export type Reconstruct = (x: Tensor) => Tensor;

// The reconstructed examples are a fixed subset on their own stream: the same at every step.
const reconstructionSalt = 0x2ec0;
/** Pairs per row of the reconstruction grid: x, then its reconstruction, four times. */
const PAIRS_PER_ROW = 4;
/** Examples measured: the held-out fifth of the embedded digits is about 2,000. */
const MAX_MEASURED = 2000;

/** x beside its reconstruction for fixed examples: images in pairs, 2D points as a scatter of both. */
export function reconstructionView(dataset: Dataset, seed: number, requested: number, reconstruct: Reconstruct, title: string): SampleView {
  const images = dataset.kind === 'images';
  const count = images ? Math.max(PAIRS_PER_ROW, Math.floor(requested / 2)) : 512;
  const indices = fixedSubset(seed, dataset.count, count, reconstructionSalt);
  const shown = indices.length;
  return {
    name: 'reconstructions', title,
    description: images ? 'Fixed training examples, each followed by its reconstruction.' : 'Fixed training points (blue) and their reconstructions (orange).',
    async render() {
      const original = gather(dataset, indices);
      const [reconstructed] = await readAndFree(tf.tidy(() => reconstruct(tf.tensor(original, [shown, ...dataset.exampleShape]))));
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

/** The examples a family's evaluation measures, and their classes when the data has them. */
export interface MeasuredExamples {
  /** Labels, or for a Gaussian mixture the mode each point was drawn nearest to. */
  readonly classes?: { readonly of: Int32Array; readonly count: number };
  /** With classes, the digit classifier's split (every 5th example of each class held out). */
  readonly split?: DigitSplit;
  /** The held-out examples (all of them without classes), at most MAX_MEASURED. */
  readonly tested: Uint32Array;
}

export function measuredExamples(dataset: Dataset): MeasuredExamples {
  const classes = classLabels(dataset);
  const split = classes ? classifierSplit(classes.of) : undefined;
  const measured = split ? split.heldOut : Uint32Array.from({ length: dataset.count }, (_, i) => i);
  return { ...(classes ? { classes } : {}), ...(split ? { split } : {}), tested: measured.subarray(0, MAX_MEASURED) };
}

function classLabels(dataset: Dataset): MeasuredExamples['classes'] {
  if (dataset.labels) return { of: dataset.labels, count: dataset.classNames?.length ?? dataset.labels.reduce((a, b) => Math.max(a, b), 0) + 1 };
  if (dataset.mixture) return { of: nearestModes(dataset.values, dataset.mixture), count: dataset.mixture.centers.length };
  return undefined;
}

/**
 * How well the tested examples are reconstructed: ‖x − r(x)‖ over ‖x′ − r(x)‖ for another tested
 * example x′ (a seeded shift), the mean squared error per value, and, on digits, the share of
 * reconstructions the shipped classifier reads as the input's digit.
 */
export async function reconstructionFigures(
  config: GanConfig, dataset: Dataset, examples: MeasuredExamples, random: Random, reconstruct: Reconstruct,
): Promise<FamilyFigure[]> {
  const { tested } = examples;
  const count = tested.length;
  const original = gather(dataset, tested);
  const [reconstructions] = await readAndFree(tf.tidy(() => reconstruct(tf.tensor(original, [count, ...dataset.exampleShape]))));
  const size = original.length / count;
  const shift = 1 + random.int(Math.max(1, count - 1));
  let own = 0;
  let other = 0;
  let squared = 0;
  for (let i = 0; i < count; i++) {
    const j = (i + shift) % count;
    let a = 0;
    let b = 0;
    for (let k = 0; k < size; k++) {
      const r = reconstructions[i * size + k]!;
      a += (original[i * size + k]! - r) ** 2;
      b += (original[j * size + k]! - r) ** 2;
    }
    squared += a;
    own += Math.sqrt(a);
    other += Math.sqrt(b);
  }
  const figures: FamilyFigure[] = [
    {
      name: 'reconstructionRatio', label: 'reconstruction ratio ‖x−r(x)‖ / ‖x′−r(x)‖', value: other > 0 ? own / other : Number.NaN, unit: 'value',
      description: 'How far the reconstruction r(x) is from its own input x, over how far it is from another example x′: 1 when it ignores x, lower as it keeps more of it',
    },
    {
      name: 'reconstructionError', label: 'reconstruction error (mean squared, per value)', value: squared / original.length, unit: 'value',
      description: 'Mean squared difference between held-out inputs and their reconstructions, per pixel (images span −1…1) or coordinate',
    },
  ];
  if (config.data.kind === 'mnist' && examples.classes) {
    figures.push({
      name: 'reconstructionAgreement', label: 'reconstructions keeping their digit', unit: 'share',
      value: await digitAgreement(reconstructions, Int32Array.from(tested, (i) => examples.classes!.of[i]!)),
      description: 'Share of held-out digits x whose reconstruction the shipped classifier reads as the digit of x',
    });
  }
  return figures;
}

async function digitAgreement(reconstructions: Float32Array, labels: Int32Array): Promise<number> {
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
