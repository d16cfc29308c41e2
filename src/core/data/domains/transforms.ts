import { Random } from '../../util/random';
import type { Dataset } from '../dataset';
import { coloredDigit } from './coloredDigits';
import { downsample, morph, rotate, sobelEdges, upsample, type Image } from './imageOps';

/**
 * The ways a second domain is made from the digits we ship (the translation families' data):
 * each maps one image to one image, in order.
 */
export type DomainTransform =
  | { readonly kind: 'invert' }
  /** Strokes thickened (> 0) or thinned (< 0) by that many 3×3 steps. */
  | { readonly kind: 'stroke'; readonly steps: number }
  | { readonly kind: 'rotate'; readonly degrees: number }
  /** Sobel edge strength (grey images). */
  | { readonly kind: 'edges' }
  /** Down by `factor` and back up: the detail of a factor-times smaller image, at the same size. */
  | { readonly kind: 'blur'; readonly factor: number }
  /** Down by `factor`: a smaller image (28 → 14 px). */
  | { readonly kind: 'downsample'; readonly factor: number }
  /** MNIST-M-like: difference-blended onto a procedural coloured texture (RGB). */
  | { readonly kind: 'colored' };

function apply(image: Image, transform: DomainTransform, random: Random): Image {
  switch (transform.kind) {
    case 'invert': return { ...image, values: image.values.map((v) => -v) };
    case 'stroke': {
      let out = image;
      for (let i = 0; i < Math.abs(transform.steps); i++) out = morph(out, transform.steps > 0 ? 'max' : 'min');
      return out;
    }
    case 'rotate': return rotate(image, transform.degrees);
    case 'edges': return sobelEdges(image);
    case 'blur': return upsample(downsample(image, transform.factor), transform.factor);
    case 'downsample': return downsample(image, transform.factor);
    case 'colored': return coloredDigit(image, random);
  }
}

/**
 * A dataset with every image passed through `transforms`; labels and class names kept (they are
 * hidden from unpaired training and used only to measure). `seed` drives the random transforms.
 */
export function transformDataset(dataset: Dataset, transforms: readonly DomainTransform[], seed: number): Dataset {
  if (dataset.kind !== 'images' || transforms.length === 0) return dataset;
  const [height, width, channels] = dataset.exampleShape as [number, number, number];
  const size = height * width * channels;
  const random = new Random(seed);
  const images: Image[] = [];
  for (let n = 0; n < dataset.count; n++) {
    let image: Image = { height, width, channels, values: dataset.values.slice(n * size, (n + 1) * size) };
    for (const transform of transforms) image = apply(image, transform, random);
    images.push(image);
  }
  const first = images[0] ?? { height, width, channels, values: new Float32Array(0) };
  const outSize = first.height * first.width * first.channels;
  const values = new Float32Array(dataset.count * outSize);
  images.forEach((image, n) => values.set(image.values, n * outSize));
  return {
    ...dataset,
    description: `${dataset.description}, ${transforms.map(describeTransform).join(', ')}`,
    exampleShape: [first.height, first.width, first.channels],
    values,
  };
}

export function describeTransform(transform: DomainTransform): string {
  switch (transform.kind) {
    case 'invert': return 'inverted';
    case 'stroke': return transform.steps > 0 ? `strokes thickened ×${transform.steps}` : `strokes thinned ×${-transform.steps}`;
    case 'rotate': return `rotated ${transform.degrees}°`;
    case 'edges': return 'Sobel edges';
    case 'blur': return `blurred (1/${transform.factor} detail)`;
    case 'downsample': return `downsampled ×1/${transform.factor}`;
    case 'colored': return 'coloured (MNIST-M-like)';
  }
}

/**
 * One of two disjoint halves, alternating within each class so both keep every class in equal
 * share: unpaired domains drawn from the two halves share no digit image, so no pair can leak.
 */
export function datasetHalf(dataset: Dataset, half: 0 | 1): Dataset {
  const seen = new Map<number, number>();
  const picked: number[] = [];
  for (let n = 0; n < dataset.count; n++) {
    const label = dataset.labels?.[n] ?? 0;
    const rank = seen.get(label) ?? 0;
    seen.set(label, rank + 1);
    if (rank % 2 === half) picked.push(n);
  }
  return datasetSubset(dataset, picked, half === 0 ? 'first half' : 'second half');
}

/** The examples at `indices`, in that order, with their labels; `part` names them in the description. */
export function datasetSubset(dataset: Dataset, indices: readonly number[] | Uint32Array, part: string): Dataset {
  const size = dataset.exampleShape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(indices.length * size);
  indices.forEach((n, k) => values.set(dataset.values.subarray(n * size, (n + 1) * size), k * size));
  return {
    ...dataset,
    description: `${dataset.description}, ${part}`,
    count: indices.length,
    values,
    ...(dataset.labels ? { labels: Int32Array.from(indices, (n) => dataset.labels![n]!) } : {}),
  };
}
