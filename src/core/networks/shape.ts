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
  /**
   * Custom layers its generator holds, which a plain TF.js script must register before loading an
   * exported generator: the shipped bundle (in dist/) an export copies beside the model, and the function it exports.
   */
  readonly customLayers?: { readonly bundle: string; readonly register: string };
}

/** Counts for the memory estimate, layer by layer in the builder's order. */
export interface NetworkShape<C> {
  readonly traits: NetworkTraits;
  /**
   * Tallies G (from an input of `inputWidth` values) and D's trunk (on an example with
   * `labelChannels` label values joined); returns the width of D's flat features.
   */
  sizes(config: C, data: DataGeometry, inputWidth: number, labelChannels: number, generator: Tally, discriminator: Tally): number;
  /** A generator that reads per-example randomness besides z (a style generator's noise and mixing draws): how much, for examples of this shape. */
  synthesisInputs?(config: C, exampleShape: readonly number[]): SynthesisInputs;
}

/** The widths of a style generator's randomness input: per-pixel noise values, then uniform draws. */
export interface SynthesisInputs {
  readonly normals: number;
  readonly uniforms: number;
}
