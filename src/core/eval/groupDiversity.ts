import type { Dataset } from '../data/dataset';
import { meanPairwiseDistance } from './diversity';

// Variety inside each class: a conditional generator can draw the right digit for every label yet
// draw it the same way each time; an InfoGAN can give each code one glyph and no style. Overall
// diversity misses both (ten distinct glyphs are varied overall); diversity within a label or code,
// read against the real digits of that class, does not.

/** The examples of `values` (example-major, `size` values each) whose group is `group`. */
function membersOf(values: Float32Array, groups: ArrayLike<number>, group: number, size: number): Float32Array {
  const indices: number[] = [];
  for (let i = 0; i < groups.length; i++) if (groups[i] === group) indices.push(i);
  const out = new Float32Array(indices.length * size);
  indices.forEach((index, k) => out.set(values.subarray(index * size, (index + 1) * size), k * size));
  return out;
}

/** Mean pairwise distance (diversity.ts) within each of `count` groups; NaN for a group of fewer than two examples. */
export function diversityByGroup(values: Float32Array, groups: ArrayLike<number>, count: number, exampleShape: readonly number[]): number[] {
  const size = exampleShape.reduce((a, b) => a * b, 1);
  return Array.from({ length: count }, (_, group) => {
    const members = membersOf(values, groups, group, size);
    return members.length >= 2 * size ? meanPairwiseDistance(members, exampleShape) : Number.NaN;
  });
}

/** The real examples' diversity within each class, or undefined when the data has no labels. */
export function realDiversityByClass(real: Pick<Dataset, 'values' | 'exampleShape' | 'labels'>, classes: number): number[] | undefined {
  return real.labels && diversityByGroup(real.values, real.labels, classes, real.exampleShape);
}

/**
 * The mean, over the groups that have samples and a real reference, of each group's diversity over
 * the real diversity of the class it stands for (`classOf`): 1 when every label or code is as varied
 * as the real digits of its class.
 */
export function withinGroupRatio(generated: readonly number[], realByClass: readonly number[], classOf: (group: number) => number): number {
  const ratios = generated.flatMap((spread, group) => {
    const real = realByClass[classOf(group)];
    return Number.isFinite(spread) && real !== undefined && real > 0 ? [spread / real] : [];
  });
  return ratios.length ? ratios.reduce((a, b) => a + b, 0) / ratios.length : Number.NaN;
}
