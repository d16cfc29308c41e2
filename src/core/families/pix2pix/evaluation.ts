import type { DataConfig } from '../../config/dataSchema';
import type { Dataset } from '../../data/dataset';
import { gather } from '../../data/sampler';
import { loadDigitClassifier } from '../../eval/digitClassifier';
import type { FamilyFigure } from '../../run/evaluationRecords';
import { digitAccuracy, measuredIndices, translateExamples } from '../shared/translation/figures';
import { plainDigitSide } from '../../data/domains/domainShape';
import type { Pix2PixNetworks } from './networks';

/**
 * pix2pix's figures on held-out pairs, each beside the untrained generator's: the L1 error between
 * G(a) and the pair's b, and, when b is the plain digits, the share of outputs the shipped
 * classifier reads as the pair's digit. (FID against the digits, with its floor, is the evaluation's
 * own figure when b is the digits.)
 */
export async function pairFigures(data: DataConfig, dataset: Dataset, networks: Pix2PixNetworks, untrained: () => Pix2PixNetworks, seed: number): Promise<FamilyFigure[]> {
  const { heldOut } = dataset.translation!;
  const fresh = untrained();
  try {
    const indices = measuredIndices(heldOut.source, seed, 5);
    const truth = gather(heldOut.target, indices);
    const l1 = async (networksOf: Pix2PixNetworks) => {
      const output = await translateExamples(networksOf.generator, heldOut.source, indices);
      return output.reduce((sum, value, i) => sum + Math.abs(value - truth[i]!), 0) / output.length;
    };
    const figures: FamilyFigure[] = [
      { name: 'heldOutL1', label: 'held-out L1 ‖b − G(a)‖₁', unit: 'value', value: await l1(networks),
        description: 'Mean absolute difference between the generator\'s output and the true b of held-out pairs, per value on the [-1, 1] scale' },
      { name: 'heldOutL1Untrained', label: 'the same, untrained generator', unit: 'value', baseline: true, value: await l1(fresh),
        description: 'The held-out L1 of the generator as initialised' },
    ];
    if (plainDigitSide(data) === 'b') {
      const classifier = await loadDigitClassifier();
      try {
        figures.push(
          { name: 'outputAccuracy', label: 'outputs read as the pair\'s digit', unit: 'share', value: await digitAccuracy(classifier, heldOut.source, networks.generator, seed),
            description: 'Share of held-out outputs G(a) that the shipped classifier gives the digit of the pair' },
          { name: 'outputAccuracyUntrained', label: 'the same, untrained generator', unit: 'share', baseline: true,
            value: await digitAccuracy(classifier, heldOut.source, fresh.generator, seed),
            description: 'The same share for the generator as initialised' },
        );
      } finally {
        classifier.dispose();
      }
    }
    return figures;
  } finally {
    fresh.dispose();
  }
}
