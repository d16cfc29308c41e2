import type { DataGeometry, Tally } from './tally';

/** What a network kind is, told without TF.js: validation, the memory estimate and the backend choice read it. */
export interface NetworkTraits {
  /** What it generates and judges. */
  readonly dataKinds: readonly ('points' | 'images')[];
  /** The square image sides it handles; any shape when absent. */
  readonly imageSizes?: readonly number[];
  /** Which thread count suits its kernels on the wasm backend (only convolutions gain from threads). */
  readonly computeProfile: 'dense' | 'convolutional';
  /** How its kernels start: Glorot uniform (the Keras default) or N(0, 0.02) as the DCGAN paper prescribes. */
  readonly initializer: 'glorotUniform' | 'normal002';
  /** The generator's and discriminator's field that sets their width, and its unit: what a model too large is told to shrink. */
  readonly width: { readonly field: string; readonly unit: string };
}

/** Counts for the memory estimate, layer by layer in the builder's order. */
export interface NetworkShape<C> {
  readonly traits: NetworkTraits;
  /**
   * Tallies G (from an input of `inputWidth` values) and D's trunk (on an example with
   * `labelChannels` label values joined); returns the width of D's flat features.
   */
  sizes(config: C, data: DataGeometry, inputWidth: number, labelChannels: number, generator: Tally, discriminator: Tally): number;
}
