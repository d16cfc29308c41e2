import type { Dataset } from '../data/dataset';
import { gather, gatherLabels } from '../data/sampler';
import { oneHot, type LatentSpec, type LatentValues, type SourceImages, type SynthesisInputs } from './latent';
import { codeLayout, type CodeSpec } from './codeLayout';
import type { Random } from '../util/random';

/**
 * Latents for `count` generated examples from the run's Random: z ~ N(0, σ²I) first (so an
 * unconditional run draws exactly what it always did), then InfoGAN's codes, then a style generator's synthesis draws. A conditional model's
 * classes are given: those of the real batch D compares against, or drawn by `drawClasses`.
 */
export function drawLatents(random: Random, spec: LatentSpec, count: number, classes?: ArrayLike<number>): LatentValues {
  if (spec.classes && !classes) throw new Error('a conditional model\'s latents need class indices');
  const z = drawNoise(random, spec, count);
  return {
    count, z,
    ...(spec.classes && classes ? { labels: oneHot(classes, spec.classes.names.length) } : {}),
    ...(spec.codes ? { codes: drawCodes(random, spec.codes, count) } : {}),
    ...(spec.source ? { source: drawSources(random, spec.source.images, count) } : {}),
    ...(spec.synthesis ? { synthesis: drawSynthesis(random, spec.synthesis, count) } : {}),
  };
}

/** A style generator's draws for `count` examples: per row, its per-pixel noise (standard normals), then its uniforms. */
export function drawSynthesis(random: Random, widths: SynthesisInputs, count: number): Float32Array {
  const width = widths.normals + widths.uniforms;
  const out = new Float32Array(count * width);
  for (let i = 0; i < count; i++) {
    random.fillNormal(out.subarray(i * width, i * width + widths.normals), 0, 1);
    for (let j = widths.normals; j < width; j++) out[i * width + j] = random.float();
  }
  return out;
}

/** A translator's inputs: `count` images drawn uniformly (with replacement) from its source pool. */
export function drawSources(random: Random, images: Dataset, count: number): SourceImages {
  const indices = Array.from({ length: count }, () => random.int(images.count));
  return {
    values: gather(images, indices), shape: images.exampleShape,
    ...(images.labels ? { labels: gatherLabels(images, indices) } : {}),
  };
}

/** z for `count` examples: noiseSize normals each, of the spec's standard deviation. */
export function drawNoise(random: Random, spec: Pick<LatentSpec, 'noiseSize' | 'noiseStd'>, count: number): Float32Array {
  return random.fillNormal(new Float32Array(count * spec.noiseSize), 0, spec.noiseStd ?? 1);
}

/** Codes per example: one uniformly drawn category per categorical code (one-hot), a uniform value per continuous code. */
export function drawCodes(random: Random, codes: CodeSpec, count: number): Float32Array {
  const layout = codeLayout(codes);
  const out = new Float32Array(count * layout.width);
  for (let i = 0; i < count; i++) {
    const row = i * layout.width;
    for (const { offset, size } of layout.categorical) out[row + offset + random.int(size)] = 1;
    codes.continuous.forEach(({ min, max }, j) => { out[row + layout.continuousOffset + j] = min + (max - min) * random.float(); });
  }
  return out;
}

/** Classes for generated examples at the data's own frequencies: the labels of uniformly drawn examples. */
export function drawClasses(random: Random, dataset: Pick<Dataset, 'labels' | 'count'>, count: number): Int32Array {
  const { labels } = dataset;
  if (!labels) throw new Error('drawing classes needs a labelled dataset');
  return Int32Array.from({ length: count }, () => labels[random.int(dataset.count)]!);
}

/** The classes that occur in the data, ascending (MNIST restricted to some digits keeps all ten class names). */
export function presentClasses(dataset: Pick<Dataset, 'labels'>): number[] {
  return [...new Set(dataset.labels ?? [])].sort((a, b) => a - b);
}

/** For each true class, another class of the data drawn uniformly (the mismatched labels of a matching-aware D). */
export function drawMismatchedClasses(random: Random, trueClasses: ArrayLike<number>, classes: readonly number[]): Int32Array {
  return Int32Array.from({ length: trueClasses.length }, (_, i) => {
    const others = classes.filter((label) => label !== trueClasses[i]);
    return others[random.int(others.length)]!;
  });
}
