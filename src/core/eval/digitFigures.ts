import type { FamilyFigure } from '../run/evaluationRecords';
import type { DigitMetrics } from './digitMetrics';
import { MANIFOLD_NEIGHBOURS } from './manifold';

/**
 * What digit samples look like beside real digits, as self-describing figures (the CLI and the
 * dashboard show and chart them without knowing them): precision, recall, density and coverage in
 * the classifier's feature space, and speckle beside the real digits' own.
 */
export function digitQualityFigures({ manifold, speckle, speckleReal, labelDiversity, codeDiversity }: DigitMetrics): FamilyFigure[] {
  const space = `in the digit classifier's feature space, k = ${MANIFOLD_NEIGHBOURS} neighbours`;
  return [
    { name: 'precision', label: 'precision', unit: 'share', value: manifold.precision,
      description: `Share of samples inside the real digits' manifold (${space}; Kynkäänniemi et al. 2019): are they realistic?` },
    { name: 'recall', label: 'recall', unit: 'share', value: manifold.recall,
      description: `Share of real digits inside the samples' manifold (${space}): is the data's variety covered?` },
    { name: 'density', label: 'density', unit: 'value', value: manifold.density,
      description: `Real neighbourhoods holding each sample, over k (${space}; Naeem et al. 2020): about 1 when samples are as packed as the data.` },
    { name: 'coverage', label: 'coverage', unit: 'share', value: manifold.coverage,
      description: `Share of real digits with a sample in their neighbourhood (${space}): recall that outlying samples cannot inflate.` },
    { name: 'speckle', label: 'speckle', unit: 'share', value: speckle,
      description: 'Share of pixels more than half the range from their 3×3 median: salt-and-pepper noise in the samples.' },
    { name: 'speckleReal', label: 'speckle of real digits', unit: 'share', value: speckleReal, baseline: true,
      description: 'The same share in as many real digits: what the samples\' speckle is read against.' },
    ...(labelDiversity !== undefined ? [{ name: 'labelDiversity', label: 'within-label diversity', unit: 'value' as const, value: labelDiversity,
      description: 'Mean pairwise distance of each label\'s samples over that of the real digits of the label, averaged over labels: 1 when each digit is drawn as variously as people write it.' }] : []),
    ...(codeDiversity !== undefined ? [{ name: 'codeDiversity', label: 'within-code diversity', unit: 'value' as const, value: codeDiversity,
      description: 'Mean pairwise distance of each code category\'s samples over that of the real digits of the digit it draws, averaged: near 0 when a code draws one glyph, 1 when it varies in style as real digits do.' }] : []),
  ];
}
