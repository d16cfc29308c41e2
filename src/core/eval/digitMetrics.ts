import type { Dataset } from '../data/dataset';
import { DIGIT_SIDE, type DigitClassifier } from './digitClassifier';
import { fitGaussian, frechetDistance } from './frechet';
import { manifoldFigures, type ManifoldFigures } from './manifold';
import { matchedAccuracy } from './matching';
import { modeHistogramKl } from './modeCoverage';
import { RealDigitReference } from './realDigitReference';
import { speckleShare } from './speckle';
import { diversityByGroup, realDiversityByClass, withinGroupRatio } from './groupDiversity';

const DIGITS = 10;

/** What to score: generated digits and, optionally, what each was generated from. */
export interface DigitSamples {
  /** count×28×28 values in [−1, 1], example-major. */
  readonly images: Float32Array;
  /** A conditional GAN's condition label per sample (0–9). */
  readonly labels?: ArrayLike<number>;
  /** An InfoGAN categorical code's category per sample (0..codeCategories−1). */
  readonly codes?: ArrayLike<number>;
  /** How many categories the code has; defaults to the largest code seen + 1. */
  readonly codeCategories?: number;
}

export interface DigitMetrics {
  readonly count: number;
  /** Fréchet distance of the samples' classifier features from `count` real digits'. */
  readonly fid: number;
  /** FID of `count` real digits from `count` other real digits: a perfect generator's score at this size. */
  readonly fidRealFloor: number;
  /** Samples per digit the classifier sees. */
  readonly digitCounts: readonly number[];
  /** KL (nats) of that histogram from uniform (0 = all digits equally often, log 10 ≈ 2.30 = one digit). */
  readonly digitKl: number;
  /** Share of samples classified as their condition label, when labels were given. */
  readonly labelAccuracy?: number;
  /** Share of samples whose code category's best-matched digit is their class, when codes were given. */
  readonly codeAccuracy?: number;
  /** The best matching behind codeAccuracy: digitOfCategory[c] (−1 if categories outnumber digits). */
  readonly digitOfCategory?: readonly number[];
  /** Precision, recall, density and coverage of the samples' classifier features against `count` real digits'. */
  readonly manifold: ManifoldFigures;
  /** The samples' salt-and-pepper speckle share, and that of `count` real digits. */
  readonly speckle: number;
  readonly speckleReal: number;
  /** Each label's samples' diversity over the real digits' of that label, averaged over labels (conditional models, labelled data). */
  readonly labelDiversity?: number;
  /** Each code category's samples' diversity over the real digits' of its matched digit, averaged (InfoGAN, labelled data). */
  readonly codeDiversity?: number;
}

/** Share of positions where `predicted` equals `expected`. */
export function labelAccuracy(predicted: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (predicted.length !== expected.length) throw new Error(`labelAccuracy: ${predicted.length} predictions for ${expected.length} labels`);
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === expected[i]) correct++;
  return predicted.length ? correct / predicted.length : 0;
}

/**
 * Scores generated MNIST digits with the shipped classifier. Holds the real-digit statistics per
 * sample size, so repeated evaluation (every N steps of a run) costs one classifier pass over the
 * samples plus a Fréchet distance. The classifier stays the caller's to dispose.
 */
export class DigitEvaluator {
  private readonly reference: RealDigitReference;
  private realDiversity: number[] | undefined | null = null;

  constructor(private readonly classifier: DigitClassifier, private readonly realDigits: Pick<Dataset, 'values' | 'exampleShape' | 'count' | 'labels'>) {
    this.reference = new RealDigitReference(classifier, realDigits);
  }

  /** The real digits' diversity per class, computed on first use (undefined without labels). */
  private realDiversityByClass(): number[] | undefined {
    if (this.realDiversity === null) this.realDiversity = realDiversityByClass(this.realDigits, DIGITS);
    return this.realDiversity;
  }

  /** Most samples one evaluation takes (half the real digits: see RealDigitReference). */
  get maxSamples(): number {
    return this.reference.maxSize;
  }

  async evaluate(samples: DigitSamples): Promise<DigitMetrics> {
    // Real statistics first: a size that cannot be scored fails before the classifier pass.
    const count = samples.images.length / (DIGIT_SIDE * DIGIT_SIDE);
    const real = await this.reference.statistics(count);
    const { labels: predicted, features } = await this.classifier.classify(samples.images);
    const fid = frechetDistance(fitGaussian(features, this.classifier.featureSize), real.reference);
    const digitCounts = new Array<number>(DIGITS).fill(0);
    for (const digit of predicted) digitCounts[digit]! += 1;
    const metrics: DigitMetrics = {
      count, fid, fidRealFloor: real.floor, digitCounts, digitKl: modeHistogramKl(digitCounts),
      manifold: await manifoldFigures(real.balls, features, this.classifier.featureSize),
      speckle: speckleShare(samples.images, DIGIT_SIDE), speckleReal: real.speckle,
    };
    const realDiversity = this.realDiversityByClass();
    return { ...metrics, ...labelMetrics(samples, predicted, realDiversity), ...codeMetrics(samples, predicted, realDiversity) };
  }
}

const SHAPE = [DIGIT_SIDE, DIGIT_SIDE, 1];

function labelMetrics(samples: DigitSamples, predicted: Int32Array, real: readonly number[] | undefined): Partial<DigitMetrics> {
  const { labels } = samples;
  if (!labels) return {};
  const diversity = real && withinGroupRatio(diversityByGroup(samples.images, labels, DIGITS, SHAPE), real, (label) => label);
  return { labelAccuracy: labelAccuracy(predicted, labels), ...(diversity !== undefined ? { labelDiversity: diversity } : {}) };
}

function codeMetrics(samples: DigitSamples, predicted: Int32Array, real: readonly number[] | undefined): Partial<DigitMetrics> {
  const { codes } = samples;
  if (!codes) return {};
  const categories = samples.codeCategories ?? Array.from(codes).reduce((most, code) => Math.max(most, code), -1) + 1;
  const matching = matchedAccuracy(codes, predicted, categories, DIGITS);
  // A category without a matched digit (more categories than digits) is read against no class.
  const diversity = real && withinGroupRatio(diversityByGroup(samples.images, codes, categories, SHAPE), real, (c) => matching.classOf[c] ?? -1);
  return { codeAccuracy: matching.accuracy, digitOfCategory: matching.classOf, ...(diversity !== undefined ? { codeDiversity: diversity } : {}) };
}
