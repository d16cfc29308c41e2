/**
 * The names of a translation family's round-trip figures for one domain (A or B): what its
 * evaluation records and what the hidden-signal diagnostic reads. One definition for both.
 */
export function cycleFigureNames(side: 'A' | 'B'): { readonly clean: string; readonly noisy: string; readonly pairs: string } {
  return { clean: `cycleError${side}`, noisy: `cycleErrorUnderNoise${side}`, pairs: `randomPairError${side}` };
}

/** σ of the noise the hidden-signal check adds to translations: 5 % of the [-1, 1] range, invisible at a glance. */
export const HIDDEN_SIGNAL_NOISE = 0.1;
