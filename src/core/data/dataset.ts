/**
 * A dataset held in memory: `count` examples of `exampleShape`, values normalised to [-1, 1].
 * Toy 2D distributions and image sets share this shape so batching, training and evaluation have
 * one path.
 */
export interface Dataset {
  /** What this is, for logs and the dashboard, e.g. "ring of 8 Gaussians (10000 points)". */
  readonly description: string;
  readonly kind: 'points' | 'images';
  /** [2] for points, [height, width, channels] for images. */
  readonly exampleShape: readonly number[];
  readonly count: number;
  /** count × product(exampleShape) values, example-major, in [-1, 1]. */
  readonly values: Float32Array;
  /** Class index per example, when the source has labels (MNIST digits, class subfolders, IDX labels). */
  readonly labels?: Int32Array;
  readonly classNames?: readonly string[];
  /** For Gaussian mixtures: the mode centres and σ in the same normalised coordinates as `values`. */
  readonly mixture?: GaussianMixture;
  /** Two-domain data (kind `domains`): this dataset is domain B, the target of a → b, and this its other side. */
  readonly translation?: TranslationDomains;
}

/**
 * Translation data beside its domain B: domain A, whether the nth images of A and B are a pair, and
 * the held-out fifth of each (every 5th example of a class), which training never reads: views and
 * figures translate those.
 */
export interface TranslationDomains {
  readonly source: Dataset;
  readonly paired: boolean;
  readonly heldOut: { readonly source: Dataset; readonly target: Dataset };
}

export interface GaussianMixture {
  readonly centers: readonly (readonly [number, number])[];
  readonly sigma: number;
}

export function exampleSize(dataset: Pick<Dataset, 'exampleShape'>): number {
  return dataset.exampleShape.reduce((a, b) => a * b, 1);
}
