import type { FieldRecord } from '../run/records';

export type PlaneBounds = FieldRecord['bounds'];

/**
 * The plane 2D data is shown on. Every Dataset is normalised to [-1, 1]²; the view adds a margin so
 * the modes on its edge (the ring's at ±1) show whole and G's arrows from them stay on the plane.
 * render/scatter.ts plots the same square, so a field drawn over these bounds lines up with the
 * sample image.
 */
export const planeBounds: PlaneBounds = { xMin: -1.2, xMax: 1.2, yMin: -1.2, yMax: 1.2 };

/**
 * Centres of a size × size grid over `bounds` (x, y interleaved), row-major with row 0 at yMax,
 * in the order FieldRecord.scores uses.
 */
export function cellCentres(bounds: PlaneBounds, size: number): Float32Array {
  const width = (bounds.xMax - bounds.xMin) / size;
  const height = (bounds.yMax - bounds.yMin) / size;
  const centres = new Float32Array(size * size * 2);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      const at = (row * size + column) * 2;
      centres[at] = bounds.xMin + (column + 0.5) * width;
      centres[at + 1] = bounds.yMax - (row + 0.5) * height;
    }
  }
  return centres;
}
