/**
 * Appends rows ordered by step. A row at or before the last kept step means the run went back
 * (resumed from an earlier checkpoint): the rows from that step on are replaced. Returns whether
 * that happened, so views that draw incrementally know to start over.
 */
export function appendByStep<Row extends { readonly step: number }>(rows: Row[], added: readonly Row[]): boolean {
  const [first] = added;
  if (first === undefined) return false;
  const keep = firstIndexAtOrAfter(rows.length, (index) => rows[index]!.step, first.step);
  const rewound = keep < rows.length;
  if (rewound) rows.length = keep;
  for (const row of added) rows.push(row);
  return rewound;
}

/**
 * Index of the first step ≥ `step` among `count` ascending steps (binary search: metrics can hold 100k rows).
 * `stepAt` is only asked for indices below `count`, so callers may index their rows unchecked.
 */
export function firstIndexAtOrAfter(count: number, stepAt: (index: number) => number, step: number): number {
  return firstIndexWhere(count, (index) => stepAt(index) >= step);
}

/** Index of the last step ≤ `step` among `count` ascending steps; −1 when all are later. */
export function lastIndexAtOrBefore(count: number, stepAt: (index: number) => number, step: number): number {
  return firstIndexWhere(count, (index) => stepAt(index) > step) - 1;
}

/** The first index below `count` where `reached` holds (`count` if none), for a `reached` that stays true once true. */
function firstIndexWhere(count: number, reached: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (reached(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}
