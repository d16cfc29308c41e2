import type { EvaluationRecord } from '../src/core/run/evaluationRecords';

// What `npm run quality` holds each recipe to, on every seed it trains: issue 25's targets for the
// recipes it names (the README says which are not met yet), the families' own for the rest.

/** One figure of an evaluation, read the same way on every seed; NaN when the record lacks it. */
export interface QualityFigure {
  readonly label: string;
  readonly value: (record: EvaluationRecord) => number;
  /** Which way is better, so the worst seed can be named. */
  readonly better: 'higher' | 'lower';
  readonly format: (value: number) => string;
}

export interface QualityRecipe {
  readonly file: string;
  readonly target: string;
  /** A recipe whose evaluation on the same seed this one's target is judged against (trained first). */
  readonly against?: string;
  readonly met: (record: EvaluationRecord, baseline?: EvaluationRecord) => boolean;
  readonly figures: readonly QualityFigure[];
  /** Training's wall time allowed per seed, where the target names one (on a quiet 2-core machine). */
  readonly maxSeconds?: number;
}

/** A family figure of the evaluation by name; NaN when it has none (so no target is met by accident). */
export function familyFigure(record: EvaluationRecord, name: string): number {
  return record.figures?.find((candidate) => candidate.name === name)?.value ?? Number.NaN;
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
const fixed = (digits: number) => (value: number) => value.toFixed(digits);
const modes: QualityFigure = { label: 'modes', value: (r) => r.modes?.covered ?? Number.NaN, better: 'higher', format: fixed(0) };
const highQuality: QualityFigure = { label: 'high quality', value: (r) => r.modes?.highQualityShare ?? Number.NaN, better: 'higher', format: percent };
const modeKl: QualityFigure = { label: 'mode KL', value: (r) => r.modes?.kl ?? Number.NaN, better: 'lower', format: fixed(3) };
const fid: QualityFigure = { label: 'FID', value: (r) => r.fid?.value ?? Number.NaN, better: 'lower', format: fixed(1) };
const family = (name: string, label: string, better: 'higher' | 'lower', format: (value: number) => string): QualityFigure =>
  ({ label, value: (r) => familyFigure(r, name), better, format });
const agreement = family('reconstructionAgreement', 'digit kept', 'higher', percent);
// Every digit recipe: realism and variety in the classifier's feature space, and speckle beside the real digits'.
const digitQuality = [family('precision', 'precision', 'higher', percent), family('recall', 'recall', 'higher', percent),
  family('speckle', 'speckle', 'lower', percent), family('speckleReal', 'real speckle', 'lower', percent)];

const translationFigures = [family('translationAccuracy', 'digit kept', 'higher', percent), family('translationAccuracyUntrained', 'untrained', 'higher', percent),
  family('cycleErrorA', 'cycle A', 'lower', fixed(3)), family('randomPairErrorA', 'random pairs A', 'lower', fixed(3)),
  family('cycleErrorB', 'cycle B', 'lower', fixed(3)), family('labelFlipRate', 'flips', 'lower', percent)];
const pairFigures = [family('heldOutL1', 'held-out L1', 'lower', fixed(3)), fid, { label: 'FID floor', value: (r: EvaluationRecord) => r.fid?.floor ?? Number.NaN, better: 'lower' as const, format: fixed(1) },
  family('outputAccuracy', 'digit kept', 'higher', percent), family('outputAccuracyUntrained', 'untrained', 'higher', percent)];

export const qualityRecipes: Readonly<Record<string, QualityRecipe>> = {
  ring: {
    file: 'examples/ring.gan.yaml', target: '8/8 modes, ≥ 90% high quality, mode KL ≤ 0.05, ≤ 90 s', maxSeconds: 90,
    met: (r) => r.modes?.covered === 8 && (r.modes.highQualityShare ?? 0) >= 0.9 && r.modes.kl <= 0.05,
    figures: [modes, highQuality, modeKl],
  },
  grid: {
    file: 'examples/grid.gan.yaml', target: '25/25 modes, ≥ 95% high quality',
    met: (r) => r.modes?.covered === 25 && (r.modes.highQualityShare ?? 0) >= 0.95,
    figures: [modes, highQuality, modeKl],
  },
  cgan: {
    file: 'examples/mnist-cgan.gan.yaml', target: 'label accuracy ≥ 97%, speckle ≤ 1.5× real, within-label diversity ≥ 0.75',
    met: (r) => (r.labelAccuracy ?? 0) >= 0.97 && familyFigure(r, 'speckle') <= 1.5 * familyFigure(r, 'speckleReal')
      && familyFigure(r, 'labelDiversity') >= 0.75,
    figures: [{ label: 'label accuracy', value: (r) => r.labelAccuracy ?? Number.NaN, better: 'higher', format: percent },
      family('labelDiversity', 'within-label diversity', 'higher', fixed(2)), fid, ...digitQuality],
  },
  infogan: {
    file: 'examples/mnist-infogan.gan.yaml', target: 'code accuracy ≥ 90%, within-code diversity ≥ 0.5',
    met: (r) => (r.codeAccuracy ?? 0) >= 0.9 && familyFigure(r, 'codeDiversity') >= 0.5,
    figures: [{ label: 'code accuracy', value: (r) => r.codeAccuracy ?? Number.NaN, better: 'higher', format: percent },
      family('codeDiversity', 'within-code diversity', 'higher', fixed(2)), fid, ...digitQuality],
  },
  // BiGAN: what the encoder learned, each figure beside its baseline (the untrained encoder; 1 for the ratio; 10 % chance).
  'bigan-spiral': {
    file: 'examples/spiral-bigan.gan.yaml', target: 'reconstruction ratio < 0.5', met: (r) => familyFigure(r, 'reconstructionRatio') < 0.5,
    figures: [family('reconstructionRatio', 'ratio', 'lower', fixed(3))],
  },
  bigan: {
    file: 'examples/mnist-bigan.gan.yaml', target: 'probe on E(x) above the untrained encoder\'s, reconstruction ratio < 0.9, reconstructions keep their digit ≥ 25%',
    met: (r) => familyFigure(r, 'probe') > familyFigure(r, 'probeUntrained') && familyFigure(r, 'reconstructionRatio') < 0.9
      && familyFigure(r, 'reconstructionAgreement') >= 0.25,
    figures: [family('probe', 'probe', 'higher', percent), family('probeUntrained', 'untrained probe', 'higher', percent),
      family('reconstructionRatio', 'ratio', 'lower', fixed(3)), agreement, fid],
  },
  // VAE-GAN against the plain VAE on the same budget and seed: sharper samples (a lower FID), less
  // faithful reconstructions (a higher pixel error), both keeping the input's digit.
  vae: {
    file: 'examples/mnist-vae.gan.yaml', target: 'reconstructions keep their digit ≥ 90%', met: (r) => familyFigure(r, 'reconstructionAgreement') >= 0.9,
    figures: [fid, family('reconstructionError', 'pixel error', 'lower', fixed(3)), agreement],
  },
  'vae-gan': {
    file: 'examples/mnist-vaegan.gan.yaml', against: 'vae',
    target: 'FID below the VAE\'s, pixel error above it, reconstructions keep their digit ≥ 90%',
    met: (r, vae) => vae !== undefined && (r.fid?.value ?? Infinity) < (vae.fid?.value ?? -Infinity)
      && familyFigure(r, 'reconstructionError') > familyFigure(vae, 'reconstructionError') && familyFigure(r, 'reconstructionAgreement') >= 0.9,
    figures: [fid, family('reconstructionError', 'pixel error', 'lower', fixed(3)), agreement],
  },
  // The style generator against a DCGAN trained as long on the same machine (the baseline's file
  // says how its steps were set), and the StyleGAN papers' two claims read by the shipped classifier.
  'dcgan-style-budget': {
    file: 'scripts/ablations/mnist-dcgan-style-budget.gan.yaml', target: 'a baseline: FID < 100', met: (r) => (r.fid?.value ?? Infinity) < 100,
    figures: [fid, ...digitQuality],
  },
  style: {
    file: 'examples/mnist-style.gan.yaml', against: 'dcgan-style-budget',
    target: 'FID below the DCGAN\'s trained as long, mixes keep the coarse styles\' digit ≥ 80%, path length in W below Z\'s',
    met: (r, dcgan) => dcgan !== undefined && (r.fid?.value ?? Infinity) < (dcgan.fid?.value ?? -Infinity)
      && familyFigure(r, 'styleMixingCoarse') >= 0.8 && familyFigure(r, 'pathLengthW') < familyFigure(r, 'pathLengthZ'),
    figures: [fid, family('styleMixingCoarse', 'coarse digit kept', 'higher', percent), family('styleMixingFine', 'fine digit taken', 'lower', percent),
      family('pathLengthW', 'path W', 'lower', fixed(0)), family('pathLengthZ', 'path Z', 'lower', fixed(0)), ...digitQuality],
  },
  // CycleGAN: translations into the plain digits read by the shipped classifier, each beside the
  // untrained translator; the round trips against the L1 between random pairs of the domain.
  'cyclegan-inverted': {
    file: 'examples/mnist-inverted-cyclegan.gan.yaml', target: 'translations keep their digit ≥ 95%, cycle errors < 0.3 × random pairs',
    met: (r) => familyFigure(r, 'translationAccuracy') >= 0.95
      && familyFigure(r, 'cycleErrorA') < 0.3 * familyFigure(r, 'randomPairErrorA') && familyFigure(r, 'cycleErrorB') < 0.3 * familyFigure(r, 'randomPairErrorB'),
    figures: translationFigures,
  },
  'cyclegan-colored': {
    file: 'examples/mnist-colored-cyclegan.gan.yaml', target: 'translations keep their digit ≥ 3× the untrained translator\'s share, cycle errors < 0.5 × random pairs',
    met: (r) => familyFigure(r, 'translationAccuracy') >= 3 * familyFigure(r, 'translationAccuracyUntrained')
      && familyFigure(r, 'cycleErrorA') < 0.5 * familyFigure(r, 'randomPairErrorA') && familyFigure(r, 'cycleErrorB') < 0.5 * familyFigure(r, 'randomPairErrorB'),
    figures: [...translationFigures, fid],
  },
  // The two shipped pix2pix recipes: edges → digit and 14 px detail → 28 px.
  'pix2pix-edges': {
    file: 'examples/mnist-edges-pix2pix.gan.yaml', target: 'outputs read as the pair\'s digit ≥ 90%, FID ≤ 3× its floor',
    met: (r) => familyFigure(r, 'outputAccuracy') >= 0.9 && (r.fid?.value ?? Infinity) <= 3 * (r.fid?.floor ?? 0), figures: pairFigures,
  },
  'pix2pix-blur': {
    file: 'examples/mnist-blur-pix2pix.gan.yaml', target: 'outputs read as the pair\'s digit ≥ 90%, FID ≤ 3× its floor',
    met: (r) => familyFigure(r, 'outputAccuracy') >= 0.9 && (r.fid?.value ?? Infinity) <= 3 * (r.fid?.floor ?? 0), figures: pairFigures,
  },
  // pix2pix's ablation (Isola et al. 2017, Table 1) on held-out pairs of 7 px detail → 28 px digit:
  // L1 alone, then L1 + cGAN against it (sharper: a lower FID, as faithful), then the cGAN alone
  // against that (less faithful: a higher L1, fewer digits kept).
  'pix2pix-l1': {
    file: 'scripts/ablations/mnist-blur4-pix2pix-l1.gan.yaml', target: 'outputs read as the pair\'s digit ≥ 85%',
    met: (r) => familyFigure(r, 'outputAccuracy') >= 0.85, figures: pairFigures,
  },
  pix2pix: {
    file: 'scripts/ablations/mnist-blur4-pix2pix.gan.yaml', against: 'pix2pix-l1',
    target: 'FID ≤ 0.6× L1 alone\'s, held-out L1 ≤ 1.15× L1 alone\'s, outputs read as the pair\'s digit ≥ 85%',
    met: (r, l1) => l1 !== undefined && (r.fid?.value ?? Infinity) <= 0.6 * (l1.fid?.value ?? -Infinity)
      && familyFigure(r, 'heldOutL1') <= 1.15 * familyFigure(l1, 'heldOutL1') && familyFigure(r, 'outputAccuracy') >= 0.85,
    figures: pairFigures,
  },
  'pix2pix-cgan': {
    file: 'scripts/ablations/mnist-blur4-pix2pix-cgan.gan.yaml', against: 'pix2pix',
    target: 'less faithful than L1 + cGAN: held-out L1 above it, fewer outputs read as the pair\'s digit',
    met: (r, both) => both !== undefined && familyFigure(r, 'heldOutL1') > familyFigure(both, 'heldOutL1')
      && familyFigure(r, 'outputAccuracy') < familyFigure(both, 'outputAccuracy'),
    figures: pairFigures,
  },
  // Issue 21: C's test error at most half the baseline's (the same classifier on the same labels alone, same updates).
  'triple-gan': {
    file: 'examples/mnist-triple-gan.gan.yaml', target: 'C\'s test error ≤ ½ the baseline\'s (same classifier, the 100 labels alone, same updates)',
    met: (r) => 1 - familyFigure(r, 'classifierAccuracy') <= 0.5 * (1 - familyFigure(r, 'baselineAccuracy')),
    figures: [family('classifierAccuracy', 'C accuracy', 'higher', percent), family('baselineAccuracy', 'baseline', 'higher', percent),
      { label: 'G label accuracy', value: (r) => r.labelAccuracy ?? Number.NaN, better: 'higher', format: percent }, fid],
  },
  // Issue 21: DANN's target accuracy against the same network trained with λ = 0 (source-only), beside the target-trained upper bound.
  dann: {
    file: 'examples/mnist-dann.gan.yaml', target: 'target accuracy above the source-only network\'s (same network and weights, λ = 0, same batches)',
    met: (r) => familyFigure(r, 'targetAccuracy') > familyFigure(r, 'sourceOnlyAccuracy'),
    figures: [family('targetAccuracy', 'DANN on target', 'higher', percent), family('sourceOnlyAccuracy', 'source-only', 'higher', percent),
      family('targetTrainedAccuracy', 'target-trained', 'higher', percent), family('sourceAccuracy', 'DANN on source', 'higher', percent),
      family('domainAccuracy', 'domain head', 'lower', percent)],
  },
};

/** "label mean (worst)" over the seeds' values of one figure. */
export function summarise(figure: QualityFigure, values: readonly number[]): string {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const worst = figure.better === 'higher' ? Math.min(...values) : Math.max(...values);
  return values.length > 1 ? `${figure.label} ${figure.format(mean)} (worst ${figure.format(worst)})` : `${figure.label} ${figure.format(mean)}`;
}
