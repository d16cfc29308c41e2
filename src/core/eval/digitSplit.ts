import type { Random } from '../util/random';

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

/**
 * `perClass` examples of each class from `train` (fewer where a class has fewer), drawn with
 * `random`, ascending: the scarce-label setting of BiGAN's probe and Triple-GAN's labelled set.
 */
export function labelledPerClass(train: ArrayLike<number>, labels: ArrayLike<number>, perClass: number, random: Random): Uint32Array {
  const order = Array.from(train);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const taken = new Map<number, number>();
  const chosen = order.filter((index) => {
    const count = taken.get(labels[index]!) ?? 0;
    taken.set(labels[index]!, count + 1);
    return count < perClass;
  });
  return Uint32Array.from(chosen.sort((a, b) => a - b));
}
