/** The share of points inside [-1, 1] on each axis; the rest are drawn on the plot's edge. */
const INSIDE = 0.98;
/** Where the points outside are drawn: inside the scatter plot's ±1.2 margin. */
const EDGE = 1.15;
/** Power iterations per axis: the top two directions of a few hundred feature vectors settle well within this. */
const ITERATIONS = 60;

/**
 * Rows of `values` (count × width) on their first two principal axes, as x, y pairs: the plane in
 * which the points spread most. The axes come from power iteration on the centred rows (features
 * are wide, up to thousands of values, so no width × width covariance is formed). Each axis is
 * scaled so 98 % of the points fall in [-1, 1] (a few far-off points would otherwise squash the
 * rest into a dot) and the others sit on the edge; its sign is chosen so its projections skew
 * positive, so the picture does not flip between steps whose features barely changed.
 */
export function principalPlane(values: Float32Array, count: number, width: number): Float32Array {
  const centred = new Float64Array(count * width);
  for (let j = 0; j < width; j++) {
    let mean = 0;
    for (let i = 0; i < count; i++) mean += values[i * width + j]!;
    mean /= count;
    for (let i = 0; i < count; i++) centred[i * width + j] = values[i * width + j]! - mean;
  }
  const out = new Float32Array(count * 2);
  for (let d = 0; d < 2; d++) {
    const axis = topDirection(centred, count, width);
    const column = projectionsOn(centred, count, width, axis);
    // Deflate: the second axis is the top direction of what the first leaves.
    for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) centred[i * width + j]! -= column[i]! * axis[j]!;
    const sign = column.reduce((sum, v) => sum + v * v * v, 0) < 0 ? -1 : 1;
    const sorted = Array.from(column, Math.abs).sort((a, b) => a - b);
    const reach = sorted[Math.min(count - 1, Math.floor(INSIDE * count))] || 1;
    column.forEach((v, i) => { out[i * 2 + d] = Math.max(-EDGE, Math.min(EDGE, (sign * v) / reach)); });
  }
  return out;
}

/** The unit direction of most spread of the centred rows, by power iteration on XᵀX from a fixed start. */
function topDirection(centred: Float64Array, count: number, width: number): Float64Array {
  let direction = Float64Array.from({ length: width }, (_, j) => 1 + (j % 7) / 7);
  for (let k = 0; k < ITERATIONS; k++) {
    const next = new Float64Array(width);
    const along = projectionsOn(centred, count, width, direction);
    for (let i = 0; i < count; i++) for (let j = 0; j < width; j++) next[j]! += along[i]! * centred[i * width + j]!;
    const norm = Math.hypot(...next);
    if (!(norm > 0)) return direction;
    direction = next.map((v) => v / norm);
  }
  return direction;
}

function projectionsOn(centred: Float64Array, count: number, width: number, direction: Float64Array): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (let j = 0; j < width; j++) sum += centred[i * width + j]! * direction[j]!;
    out[i] = sum;
  }
  return out;
}
