/**
 * The candidate a misspelt name most likely meant ('trainig' → 'training'), or undefined when none
 * is close: about one edit per four letters, ignoring case. Short words get no guess: 'gelu' is
 * one edit from 'relu' and 'gpu' from 'cpu', but each means something else.
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const target = word.toLowerCase();
  const limit = Math.floor((word.length - 1) / 4);
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    // The distance is at least the difference in length: a 500 KB key is not compared letter by letter.
    if (Math.abs(name.length - word.length) > limit) continue;
    const distance = editDistance(target, name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= limit && best.name !== word ? best.name : undefined;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      // Both rows are filled up to j, so the reads are in range.
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
