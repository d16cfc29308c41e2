import { renderImageGrid } from '../../../render/grid';
import type { ImageShape } from './networks';

/** Images of one shape, example-major. */
export interface ImageSet {
  readonly values: Float32Array;
  readonly shape: ImageShape;
}

/**
 * One grid of examples side by side: each section lists its parts (e.g. source, translation, round
 * trip), all with the same count; example i of a section shows part 1's i-th image, then part 2's…
 * `groupsPerRow` examples to a row. Grey parts are repeated into RGB when any part is RGB, so grey
 * and coloured domains share one grid.
 */
export function renderSideBySide(sections: readonly (readonly ImageSet[])[], groupsPerRow: number): Buffer {
  const parts = sections.flat();
  const [height, width] = parts[0]!.shape as [number, number];
  const channels = Math.max(...parts.map((part) => part.shape[2]!));
  const tiles: Float32Array[] = [];
  for (const section of sections) {
    const split = section.map((part) => tilesOf(part, channels));
    split[0]!.forEach((_, i) => split.forEach((part) => tiles.push(part[i]!)));
  }
  const size = height * width * channels;
  const values = new Float32Array(tiles.length * size);
  tiles.forEach((tile, i) => values.set(tile, i * size));
  const perGroup = sections[0]!.length;
  return renderImageGrid(values, [height, width, channels], { scale: height <= 32 ? 2 : 1, columns: perGroup * groupsPerRow });
}

function tilesOf({ values, shape }: ImageSet, channels: number): Float32Array[] {
  const own = shape[2]!;
  const size = shape.reduce((x, y) => x * y, 1);
  return Array.from({ length: values.length / size }, (_, n) => {
    const image = values.subarray(n * size, (n + 1) * size);
    if (own === channels) return image;
    const out = new Float32Array((size / own) * channels);
    image.forEach((v, i) => out.fill(v, i * channels, (i + 1) * channels));
    return out;
  });
}
