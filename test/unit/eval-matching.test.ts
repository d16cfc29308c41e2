import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestMatching, countMatrix, matchedAccuracy } from '../../src/core/eval/matching';
import { Random } from '../../src/core/util/random';

/** The best total over every injective assignment of the smaller side, by enumeration. */
function bruteForceBest(counts: number[][]): number {
  const rows = counts.length;
  const cols = counts[0]!.length;
  const taken = new Array<boolean>(cols).fill(false);
  const search = (row: number, unmatchedLeft: number): number => {
    if (row === rows) return 0;
    let best = unmatchedLeft > 0 ? search(row + 1, unmatchedLeft - 1) : -Infinity;
    for (let c = 0; c < cols; c++) {
      if (taken[c]) continue;
      taken[c] = true;
      best = Math.max(best, counts[row]![c]! + search(row + 1, unmatchedLeft));
      taken[c] = false;
    }
    return best;
  };
  return search(0, Math.max(0, rows - cols));
}

test('a permuted confusion matrix: the matching undoes the permutation', () => {
  // Category c mostly produces digit permutation[c], with some confusion elsewhere.
  const permutation = [3, 7, 0, 9, 1, 4, 8, 2, 6, 5];
  const counts = permutation.map((digit, category) =>
    Array.from({ length: 10 }, (_, d) => (d === digit ? 80 + category : (d + category) % 3)));
  const result = bestMatching(counts);
  assert.deepEqual(result.classOf, permutation);
  const diagonal = permutation.reduce((sum, digit, category) => sum + counts[category]![digit]!, 0);
  assert.equal(result.matched, diagonal);
  assert.equal(result.total, counts.flat().reduce((a, b) => a + b));
  assert.equal(result.accuracy, diagonal / result.total);
});

test('the optimum, not the greedy pick of the largest cell', () => {
  // Greedy takes 5 then is left with 0 (total 5); the optimum pairs the 4s (total 8).
  const result = bestMatching([[5, 4], [4, 0]]);
  assert.deepEqual(result.classOf, [1, 0]);
  assert.equal(result.matched, 8);
});

test('matches brute force on random square and rectangular matrices', () => {
  const random = new Random(11);
  for (const [rows, cols] of [[3, 3], [4, 4], [5, 5], [3, 6], [6, 3], [2, 5], [5, 2], [1, 4], [4, 1]] as const) {
    for (let trial = 0; trial < 20; trial++) {
      const counts = Array.from({ length: rows }, () => Array.from({ length: cols }, () => random.int(20)));
      const result = bestMatching(counts);
      assert.equal(result.matched, bruteForceBest(counts), `${rows}×${cols} ${JSON.stringify(counts)}`);
      const used = result.classOf.filter((c) => c >= 0);
      assert.equal(new Set(used).size, used.length, 'one-to-one');
      assert.equal(used.length, Math.min(rows, cols), 'the smaller side is fully matched');
    }
  }
});

test('more categories than classes: the unmatched ones count as wrong', () => {
  const result = bestMatching([[10, 0], [0, 10], [6, 4]]);
  assert.deepEqual(result.classOf, [0, 1, -1]);
  assert.equal(result.accuracy, 20 / 30);
});

test('matchedAccuracy scores per-sample codes against classes', () => {
  // Code c is digit (c + 1) % 3, except one sample of code 0 classified as digit 2.
  const codes = [0, 0, 0, 1, 1, 2, 2, 2];
  const digits = [1, 1, 2, 2, 2, 0, 0, 0];
  const result = matchedAccuracy(codes, digits, 3, 3);
  assert.deepEqual(result.classOf, [1, 2, 0]);
  assert.equal(result.accuracy, 7 / 8);
  assert.deepEqual(countMatrix(codes, digits, 3, 3), [[0, 2, 1], [0, 0, 2], [3, 0, 0]]);
  assert.throws(() => countMatrix([0, 3], [0, 0], 3, 3), /category 3/);
  assert.throws(() => countMatrix([0], [0, 1], 3, 3), /1 categories but 2 classes/);
  assert.equal(bestMatching([]).accuracy, 0);
});
