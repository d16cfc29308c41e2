import type { Dataset } from '../../data/dataset';
import { datasetSubset } from '../../data/domains/transforms';
import { classifierSplit, labelledPerClass } from '../../eval/digitSplit';
import { Random } from '../../util/random';

/** The three parts of semi-supervised data, each its own Dataset, so a part can only read what it holds. */
export interface SemiSupervisedSplit {
  /** `perClass` training examples of each class, with their labels. */
  readonly labelled: Dataset;
  /** The rest of the training part, without labels: nothing reading it can leak one. */
  readonly unlabelled: Dataset;
  /** The held-out fifth (every 5th example of a class), with labels: C's and the baseline's test set. */
  readonly test: Dataset;
}

// Which examples keep their labels is drawn from its own stream of the run's seed.
const labelledSalt = 0x3ab1;

/**
 * Splits labelled data as Li et al. do: the digit classifier's held-out fifth is the test set, and
 * of the training part `perClass` examples of each class keep their labels, the rest lose them.
 */
export function semiSupervisedSplit(dataset: Dataset, perClass: number, seed: number): SemiSupervisedSplit {
  const labels = dataset.labels;
  if (!labels) throw new Error(`${dataset.description} has no labels to split`);
  const { train, heldOut } = classifierSplit(labels);
  const labelled = labelledPerClass(train, labels, perClass, Random.derive(seed, labelledSalt));
  const kept = new Set(labelled);
  const unlabelled = train.filter((index) => !kept.has(index));
  const { labels: _dropped, ...withoutLabels } = datasetSubset(dataset, unlabelled, 'unlabelled part');
  return {
    labelled: datasetSubset(dataset, labelled, `${perClass} labelled per class`),
    unlabelled: withoutLabels,
    test: datasetSubset(dataset, heldOut, 'held-out fifth'),
  };
}
