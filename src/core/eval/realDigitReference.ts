import type { Dataset } from '../data/dataset';
import { gather } from '../data/sampler';
import { Random } from '../util/random';
import { DIGIT_SIDE, type DigitClassifier } from './digitClassifier';
import { featureBalls, type FeatureBalls } from './manifold';
import { speckleShare } from './speckle';
import { fitGaussian, frechetDistance, type FeatureGaussian } from './frechet';

/** Fixed, so every run and every evaluation compares against the same real digits. */
const REFERENCE_SEED = 0x5eed_f1d;

/** What generated sets of one size are compared with. */
export interface RealStatistics {
  readonly size: number;
  /** The classifier features of `size` real digits, as a Gaussian. */
  readonly reference: FeatureGaussian;
  /** FID between `reference` and `size` other real digits: the score of a perfect generator at this size. */
  readonly floor: number;
  /** The classifier features of those `size` real digits and their neighbourhoods: precision and recall's real set. */
  readonly balls: FeatureBalls;
  /** Their salt-and-pepper speckle share (speckle.ts): what generated digits' is read beside. */
  readonly speckle: number;
}

/**
 * Real-digit statistics for FID, per sample size, computed once and cached. FID is biased upward
 * at small sizes (covariances estimated from few samples), so generated sets are compared with a
 * real set of their own size, and the floor is measured on two disjoint real sets of that size:
 * digits 0..size−1 and size..2·size−1 of a fixed shuffle of all the real digits (none excluded).
 * Features are computed for the shuffled prefix that sizes so far needed, never twice.
 */
export class RealDigitReference {
  private readonly order: Uint32Array;
  private features = new Float32Array(0);
  private readonly bySize = new Map<number, RealStatistics>();

  constructor(private readonly classifier: DigitClassifier, private readonly real: Pick<Dataset, 'values' | 'exampleShape' | 'count'>) {
    this.order = new Random(REFERENCE_SEED).permutation(real.count);
  }

  /** The largest generated set that can be scored: two disjoint real sets of its size must exist. */
  get maxSize(): number {
    return Math.floor(this.real.count / 2);
  }

  async statistics(size: number): Promise<RealStatistics> {
    const cached = this.bySize.get(size);
    if (cached) return cached;
    if (!Number.isInteger(size) || size < 2 || size > this.maxSize) {
      throw new Error(`FID needs between 2 and ${this.maxSize} samples (two disjoint real sets of the same size); got ${size}`);
    }
    const dims = this.classifier.featureSize;
    await this.extendFeatures(2 * size);
    const reference = fitGaussian(this.features.subarray(0, size * dims), dims);
    const other = fitGaussian(this.features.subarray(size * dims, 2 * size * dims), dims);
    const balls = await featureBalls(this.features.slice(0, size * dims), dims);
    const speckle = speckleShare(gather(this.real, this.order.subarray(0, size)), DIGIT_SIDE);
    const statistics = { size, reference, floor: frechetDistance(reference, other), balls, speckle };
    this.bySize.set(size, statistics);
    return statistics;
  }

  private async extendFeatures(count: number): Promise<void> {
    const have = this.features.length / this.classifier.featureSize;
    if (count <= have) return;
    const added = await this.classifier.features(gather(this.real, this.order.subarray(have, count)));
    const grown = new Float32Array(count * this.classifier.featureSize);
    grown.set(this.features);
    grown.set(added, this.features.length);
    this.features = grown;
  }
}
