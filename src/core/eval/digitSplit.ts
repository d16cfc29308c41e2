/**
 * The digit classifier's fixed train / held-out split of the embedded MNIST digits: the 5th, 10th,
 * 15th, … example of each digit (in file order) is held out, the rest train. That is 20% of every
 * digit — 1,996 of the 10,000 — spread over the whole file. The file's last 2,000 examples would
 * not do: it is stored round-robin by digit and some digits run out early (its tail holds 63 fives
 * and 327 ones).
 */
export const HELD_OUT_EVERY = 5;

export interface DigitSplit {
  /** Indices into the embedded digits, ascending. */
  readonly train: Uint32Array;
  readonly heldOut: Uint32Array;
}

export function classifierSplit(labels: ArrayLike<number>): DigitSplit {
  const seen = new Map<number, number>();
  const train: number[] = [];
  const heldOut: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    const occurrence = (seen.get(labels[i]!) ?? 0) + 1;
    seen.set(labels[i]!, occurrence);
    (occurrence % HELD_OUT_EVERY === 0 ? heldOut : train).push(i);
  }
  return { train: Uint32Array.from(train), heldOut: Uint32Array.from(heldOut) };
}
