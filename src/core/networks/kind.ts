import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import type { SampleView } from '../families/family';
import type { GeneratorInput } from '../models/conditioning';
import type { LatentSpec, LatentValues } from '../models/latent';
import type { FamilyFigure } from '../run/evaluationRecords';
import type { KernelInitializers } from '../models/layers';
import type { WeightLayers } from '../models/weightLayers';
import type { DataShape } from '../models/shape';

/**
 * How a network kind builds its TF.js layers. Kept apart from its NetworkShape (shapes.ts: traits and sizes)
 * because validation runs where TF.js is never loaded: the extension host and its validator worker.
 */
export interface NetworkBuilder<C> {
  /** The latent input (z, with any label embedding or codes joined) → one generated example. */
  generator(config: C, data: DataShape, input: GeneratorInput, kernels: KernelInitializers): LayersModel;
  /** The example input the discriminator reads. */
  discriminatorInput(config: C, data: DataShape): SymbolicTensor;
  /** The example (with a one-hot label joined, when given) → flat features; the heads sit on top. */
  discriminatorTrunk(config: C, data: DataShape, x: SymbolicTensor, label: SymbolicTensor | undefined, layers: WeightLayers): SymbolicTensor;
  /**
   * What its generator's parts make possible beyond samples (a style generator's mixing grid and
   * figures), for the generator the run shows; `digits`: the data are the shipped digits, which the
   * shipped classifier reads.
   */
  extras?(config: C, generator: LayersModel, latent: LatentSpec, data: DataShape, seed: number, digits: boolean): NetworkExtras;
}

/** A network kind's own sample views and evaluation figures, and truncated sampling where its generator has a W to truncate in. */
export interface NetworkExtras {
  readonly views: readonly SampleView[];
  readonly measure?: () => Promise<FamilyFigure[]>;
  /** Images for `latents` with the truncation trick at ψ (1: none), example-major. */
  readonly truncate?: (latents: LatentValues, psi: number) => Promise<Float32Array>;
}
