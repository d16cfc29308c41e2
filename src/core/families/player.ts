import type { Optimizer, Scalar, Variable } from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { MetricCatalogue } from './catalogue';

/** The trainable variables of the networks a player updates, in order: what its optimizer moves. */
export const trainableVariables = (...models: LayersModel[]): Variable[] =>
  models.flatMap((model) => model.trainableWeights.map((weight) => weight.read() as Variable));

/** A loss for the gradient tape: the total to minimise and named parts to log, each a scalar. */
export interface Loss {
  readonly total: Scalar;
  readonly parts: Readonly<Record<string, Scalar>>;
}

/**
 * One player of a family's game: the variables it updates, its optimizer, how often it moves per
 * iteration, and its loss. A GAN has two (the discriminator, then the generator); a BiGAN trains
 * the encoder and generator as one player against D; a CycleGAN both generators, then both critics.
 */
export interface Player {
  /** Names it in messages: "discriminator loss became NaN at step 12". */
  readonly name: string;
  /** The metric names of its loss total and of its gradients' global norm. */
  readonly metrics: { readonly loss: string; readonly gradNorm: string };
  readonly updates: number;
  readonly optimizer: Optimizer;
  readonly variables: readonly Variable[];
  /**
   * One update, called inside a tidy: draws its random inputs from the run's seeded streams (always
   * in the same order, so a resume replays them), computes what needs no gradient, and returns the
   * loss for the tape.
   */
  prepare(step: number): () => Loss;
  /** After each update: the original WGAN clips its critic's weights here. */
  afterUpdate?(): void;
  /** Whether it updates this iteration (VAE-GAN's equilibrium gating); always when absent. A held player's loss is still measured and logged. */
  active?(): boolean;
}

/** What one iteration of a family's training runs: its players in order, then its own bookkeeping. */
export interface TrainingPlan {
  readonly players: readonly Player[];
  /** What the plan's players log, grouped for display, with the headline pair the progress line shows. */
  readonly catalogue: MetricCatalogue;
  /** After each iteration, with the number of steps now done (the generator average moves here). */
  afterIteration?(stepsDone: number): void;
  /** Values for the step's metrics line that are settings, not tensors (the instance noise's σ). */
  settings?(step: number): Readonly<Record<string, number>>;
  /** The numbers each iteration read, after it (what gating decides the next iteration by). */
  observe?(values: Readonly<Record<string, number>>): void;
  /** What to change when a loss or gradient becomes non-finite, where the GAN's advice (its two optimizers, a penalty) does not apply. */
  readonly divergenceRemedy?: string;
  /** The objective's weights a student may change while it trains (the gradient penalty's λ); none when absent. */
  readonly weights?: readonly TunableWeight[];
}

/** One weight of a plan's objective, read at each update, so a change applies from the next one. */
export interface TunableWeight {
  /** Stable key, as recorded in a run's changes: `gradientPenalty`. */
  readonly name: string;
  /** How the controls show it: "gradient penalty λ". */
  readonly label: string;
  get(): number;
  set(value: number): void;
}

/** What a checkpoint holds, by name: the name is the file (`<name>.bin`) and the manifest's key. */
export interface CheckpointParts {
  /** Networks: a GAN's generator, discriminator, InfoGAN's qHead and the generator average (generatorEma). */
  readonly networks: Readonly<Record<string, LayersModel>>;
  /** Each player's optimizer, as `<player>Optimizer`. */
  readonly optimizers: Readonly<Record<string, Optimizer>>;
  /** Training state that is neither weights nor moments: CycleGAN's pools of generated images. */
  readonly buffers?: Readonly<Record<string, Variable>>;
}
