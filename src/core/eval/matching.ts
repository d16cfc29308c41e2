/** The best one-to-one matching of categories (rows) to classes (columns) and what it scores. */
export interface CategoryMatching {
  /** classOf[category]: its matched class, or −1 when categories outnumber classes and it got none. */
  readonly classOf: readonly number[];
  /** Samples whose category is matched to their class. */
  readonly matched: number;
  readonly total: number;
  /** matched / total (0 for no samples): samples of unmatched categories count as wrong. */
  readonly accuracy: number;
}

/** counts[category][class]: how many samples of each category fell in each class. */
export function countMatrix(
  categories: ArrayLike<number>, classes: ArrayLike<number>, categoryCount: number, classCount: number,
): number[][] {
  if (categories.length !== classes.length) {
    throw new Error(`countMatrix: ${categories.length} categories but ${classes.length} classes`);
  }
  const counts = Array.from({ length: categoryCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < categories.length; i++) {
    const category = categories[i]!;
    const cls = classes[i]!;
    if (!(category >= 0 && category < categoryCount && cls >= 0 && cls < classCount)) {
      throw new Error(`countMatrix: sample ${i} has category ${category} / class ${cls}, outside ${categoryCount}×${classCount}`);
    }
    counts[category]![cls]! += 1;
  }
  return counts;
}

/**
 * The one-to-one assignment of rows to columns with the largest total count (Hungarian algorithm,
 * Kuhn–Munkres with potentials, O(k²m)); rectangular matrices allowed, every row or every column
 * is matched, whichever is fewer. Used to score InfoGAN's categorical code against digit classes,
 * where category numbering is arbitrary.
 */
export function bestMatching(counts: readonly (readonly number[])[]): CategoryMatching {
  const rows = counts.length;
  const cols = rows ? counts[0]!.length : 0;
  const total = counts.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  const classOf = new Array<number>(rows).fill(-1);
  if (rows && cols) {
    const transposed = rows > cols;
    // The solver needs no more rows than columns; a wide view of a tall matrix swaps the roles.
    const cost = (r: number, c: number) => -(transposed ? counts[c]![r]! : counts[r]![c]!);
    const columnOwner = minimumCostAssignment(transposed ? cols : rows, transposed ? rows : cols, cost);
    columnOwner.forEach((row, column) => {
      if (row < 0) return;
      if (transposed) classOf[column] = row;
      else classOf[row] = column;
    });
  }
  const matched = classOf.reduce((sum, cls, category) => sum + (cls < 0 ? 0 : counts[category]![cls]!), 0);
  return { classOf, matched, total, accuracy: total ? matched / total : 0 };
}

/** Best-matching accuracy straight from per-sample categories and classes. */
export function matchedAccuracy(
  categories: ArrayLike<number>, classes: ArrayLike<number>, categoryCount: number, classCount: number,
): CategoryMatching {
  return bestMatching(countMatrix(categories, classes, categoryCount, classCount));
}

/**
 * Minimum-cost assignment of every one of `rows` ≤ `cols` rows to a distinct column (the e-maxx
 * formulation with row/column potentials and 1-based sentinels). Returns, per column, its row or −1.
 */
function minimumCostAssignment(rows: number, cols: number, cost: (row: number, col: number) => number): number[] {
  const rowPotential = new Float64Array(rows + 1);
  const colPotential = new Float64Array(cols + 1);
  const owner = new Int32Array(cols + 1); // owner[j]: 1-based row in column j, 0 = free
  const previous = new Int32Array(cols + 1);
  for (let row = 1; row <= rows; row++) {
    owner[0] = row;
    let column = 0;
    const slack = new Float64Array(cols + 1).fill(Infinity);
    const visited = new Uint8Array(cols + 1);
    do {
      visited[column] = 1;
      const current = owner[column]!;
      let delta = Infinity;
      let next = 0;
      for (let j = 1; j <= cols; j++) {
        if (visited[j]) continue;
        const reduced = cost(current - 1, j - 1) - rowPotential[current]! - colPotential[j]!;
        if (reduced < slack[j]!) { slack[j] = reduced; previous[j] = column; }
        if (slack[j]! < delta) { delta = slack[j]!; next = j; }
      }
      for (let j = 0; j <= cols; j++) {
        if (visited[j]) { rowPotential[owner[j]!]! += delta; colPotential[j]! -= delta; } else slack[j]! -= delta;
      }
      column = next;
    } while (owner[column] !== 0);
    // Flip the augmenting path back to the root.
    do {
      const before = previous[column]!;
      owner[column] = owner[before]!;
      column = before;
    } while (column !== 0);
  }
  return Array.from(owner.subarray(1), (row) => row - 1);
}
