/**
 * Appends rows ordered by step. A row at or before the last kept step means the run went back
 * (resumed from an earlier checkpoint): the rows from that step on are replaced. Returns whether
 * that happened, so views that draw incrementally know to start over.
 */
export function appendByStep<Row extends { readonly step: number }>(rows: Row[], added: readonly Row[]): boolean {
  if (added.length === 0) return false;
  const firstStep = added[0].step;
  const keep = firstIndexAtOrAfter(rows.length, (index) => rows[index].step, firstStep);
  const rewound = keep < rows.length;
  if (rewound) rows.length = keep;
  for (const row of added) rows.push(row);
  return rewound;
}

/** Index of the first step ≥ `step` among `count` ascending steps (binary search: metrics can hold 100k rows). */
export function firstIndexAtOrAfter(count: number, stepAt: (index: number) => number, step: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (stepAt(middle) < step) low = middle + 1;
    else high = middle;
  }
  return low;
}
