// No zod here: the dashboard's bundle imports this, and zod's compiled parsers need eval, which its CSP forbids.

/**
 * Which histogram a line belongs to and how it is shown: a family may log several per step (VAE-GAN:
 * D on prior samples, and D on reconstructions), each its own card.
 */
export interface HistogramKey {
  readonly view: string;
  readonly title: string;
  /** What the two series are, e.g. "D(x), real" and "D(G(z)), generated". */
  readonly realLabel: string;
  readonly fakeLabel: string;
}

/** A GAN's one histogram; lines written before histograms had keys are this one. */
export const ganHistogramKey: HistogramKey = {
  view: 'discriminator', title: 'D outputs: real vs generated', realLabel: 'D(x), real', fakeLabel: 'D(G(z)), generated',
};

/** A histogram line's key, the GAN's for a line without one. */
export function histogramKeyOf(record: Partial<HistogramKey>): HistogramKey {
  const { view, title, realLabel, fakeLabel } = record;
  return view === undefined || title === undefined || realLabel === undefined || fakeLabel === undefined
    ? ganHistogramKey : { view, title, realLabel, fakeLabel };
}
