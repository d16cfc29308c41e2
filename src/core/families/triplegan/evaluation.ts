import type { FamilyFigure } from '../../run/evaluationRecords';
import { classifierAccuracy } from '../shared/classifierAccuracy';
import type { TripleGanNetworks } from './networks';
import type { SemiSupervisedSplit } from './split';

/** C's and the baseline's accuracy on the held-out fifth: the figure Triple-GAN exists for, beside what the labels alone reach. */
export async function classifierFigures(networks: TripleGanNetworks, split: SemiSupervisedSplit, labelsPerClass: number): Promise<FamilyFigure[]> {
  const tested = `${split.test.count} held-out examples`;
  return [
    {
      name: 'classifierAccuracy', label: 'C test accuracy', unit: 'share', value: await classifierAccuracy(networks.classifier, split.test),
      description: `Accuracy of Triple-GAN's classifier C on the ${tested}, which no player trained on.`,
    },
    {
      name: 'baselineAccuracy', label: `baseline on ${labelsPerClass} labels/class`, unit: 'share', baseline: true,
      value: await classifierAccuracy(networks.baseline, split.test),
      description: `The same classifier, from the same initial weights, trained on the ${split.labelled.count} labels alone for as many updates: what C must beat.`,
    },
  ];
}
