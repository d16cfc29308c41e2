import type { ActivationName } from '../config/modelSchema';

// Parameter and activation counts from a config alone, without TF.js: each network kind counts
// its layers here in the order its builder makes them (see memoryEstimate.ts for why).

/** What the estimate needs of the data: one example's shape, and its class count (0 when unknown). */
export interface DataGeometry {
  readonly exampleShape: readonly number[];
  readonly classCount: number;
}

export interface NetworkSize {
  /** Every weight, batch-norm moving statistics included (what `countParams()` reports). */
  readonly parameters: number;
  /** The weights an optimizer updates. */
  readonly trainable: number;
  /** Values of the layer outputs one example produces in a forward pass. */
  readonly activations: number;
  /** Values produced per pair of examples (minibatch discrimination compares every pair of a batch). */
  readonly pairwise: number;
}

/** Counts a network layer by layer, in the order its builder makes the layers. */
export class Tally {
  parameters = 0;
  trainable = 0;
  activations = 0;
  pairwise = 0;

  /** `spectral`: the network's weight layers are spectrally normalized, each keeping its power iteration's u and v. */
  constructor(private readonly spectral = false) {}

  /**
   * A dense layer or a convolution of `units` outputs (filters): `weights` values plus an optional
   * bias of `units` values, producing `outputs` values. `normalized` says whether spectral
   * normalization covers it (every weight layer of a spectral network, unless told otherwise).
   */
  layer(weights: number, units: number, useBias: boolean, outputs: number, normalized = this.spectral): this {
    const count = weights + (useBias ? units : 0);
    this.parameters += count + (normalized ? units + weights / units : 0);
    this.trainable += count;
    this.activations += outputs;
    return this;
  }

  /** Batch norm: γ and β are trained, the moving mean and variance are not. */
  batchNorm(channels: number, outputs: number): this {
    this.parameters += 4 * channels;
    this.trainable += 2 * channels;
    this.activations += outputs;
    return this;
  }

  activation(name: ActivationName, outputs: number): this {
    if (name !== 'linear') this.activations += outputs;
    return this;
  }

  /** Optional batch norm, then the activation: the tail both architectures share. */
  normalizeAndActivate(useBatchNorm: boolean, name: ActivationName, channels: number, outputs: number): this {
    if (useBatchNorm) this.batchNorm(channels, outputs);
    return this.activation(name, outputs);
  }

  size(): NetworkSize {
    return { parameters: this.parameters, trainable: this.trainable, activations: this.activations, pairwise: this.pairwise };
  }
}

