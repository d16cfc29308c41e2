import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { GanConfig } from '../config/schema';
import type { Dataset } from '../data/dataset';
import type { EpochSampler } from '../data/sampler';
import type { LatentSpec, LatentValues } from '../models/latent';
import type { FamilyFigure } from '../run/evaluationRecords';
import type { FieldRecord, HistogramRecord } from '../run/records';
import type { Disposable } from '../util/disposable';
import type { Random } from '../util/random';
import type { CheckpointParts, TrainingPlan } from './player';

/** The run's seeded streams (fresh for a new run, restored from the checkpoint for a resumed one), and its length. */
export interface FamilyStreams {
  readonly random: Random;
  readonly sampler: EpochSampler;
  /** The steps the run trains for: what a schedule over training reads (DANN's λ). */
  readonly totalSteps: number;
}

/** A generator and what it takes: what sample grids, the plane's points and evaluation read. */
export interface ShownGenerator {
  readonly generator: LayersModel;
  readonly latent: LatentSpec;
}

/**
 * A picture the run saves beside the fixed-noise grid at every sample step, under
 * `samples/<name>/`: BiGAN's reconstructions, CycleGAN's translations.
 */
export interface SampleView {
  /** A file-name-safe key: the folder under samples/ and the name the dashboard and notes refer to. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  render(): Promise<Buffer>;
}

/**
 * One run's networks and optimizers, built from its config (before a resumed run's checkpoint
 * loads into them), and everything the session asks of them. The session, the checkpoint code,
 * the dashboard and the CLI see a family only through this.
 */
export interface FamilyModel extends Disposable {
  /** Networks and optimizers by name: what a checkpoint saves and a resume loads. */
  readonly checkpointParts: CheckpointParts;
  /** The training plan over the run's streams, with the catalogue of what it logs. */
  plan(streams: FamilyStreams): TrainingPlan;
  /** The generator samples, the plane's points and evaluation show (a weight average, when kept); none for a family without one (DANN). */
  readonly shown?: ShownGenerator;
  /**
   * The run's sample picture (samples/step-N.png) where no generator draws the fixed-noise grid:
   * DANN's features. Its title and description name the dashboard's card.
   */
  readonly picture?: SampleView;
  /** Histograms of D's displayed output on real and generated inputs, one per view, the family's own way (none without a D). */
  readonly histograms?: (step: number, bins: number) => Promise<readonly HistogramRecord[]>;
  /** The plane view of 2D data: a score over the plane and how G's points are pushed (none without a D). */
  readonly field?: (step: number, latents: LatentValues) => Promise<FieldRecord>;
  /** Pictures beyond the fixed-noise grid. */
  readonly views: readonly SampleView[];
  /** x → z, for a family that learns one (BiGAN): `gan-studio encode` and export use it. */
  readonly encoder?: LayersModel;
  /** x → class logits, for a family that learns a classifier (Triple-GAN): export writes it in its own folder. */
  readonly classifier?: LayersModel;
  /** x → features, for a family that learns a feature extractor (DANN): export writes it in its own folder. */
  readonly featureExtractor?: LayersModel;
  /** Image-to-image translators by direction, for a family that learns them: `gan-studio translate` and export use them. */
  readonly translators?: Translators;
  /** Figures beyond the generator's, measured with every evaluation: BiGAN's encoder figures. */
  readonly measure?: () => Promise<FamilyFigures>;
}

/** A translation family's generators: a → b, and b → a when it learns that way too (CycleGAN; pix2pix learns one). */
export interface Translators {
  readonly ab: LayersModel;
  readonly ba?: LayersModel;
}

/** The figures a family adds to an evaluation. */
export type FamilyFigures = readonly FamilyFigure[];

/** A family of adversarial training: builds a run's networks for its config and data. */
export interface Family {
  build(config: GanConfig, dataset: Dataset): FamilyModel;
}
