import { z } from 'zod';
import { backendReportSchema } from '../backend/report';
import type { HistogramKey } from './histogramKeys';
import { MAX_VIEWS, VIEW_NAME } from './viewNames';

/** The run-directory contract (README, "Run directory"). Bump RUN_FORMAT on incompatible change. */
export const RUN_FORMAT = 1;

export const runStatuses = ['running', 'paused', 'completed', 'stopped', 'failed', 'interrupted'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** A run id: a config name and a start time (layout.ts, makeRunId). A file name and never a path, since snapshots are named after it. */
const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A step number (or count of steps) as run files and events carry it. */
export const stepCount = z.int().nonnegative();

/**
 * A file the run keeps, relative to the run folder and inside it (no root, drive or `..` part, with
 * either separator), so a reader may join it to the folder. String checks only: the webview compiles this file.
 */
export const pathInRun = z.string().regex(/^(?![\\/]|[A-Za-z]:)(?!(.*[\\/])?\.\.([\\/]|$)).+$/, 'must be a path inside the run folder');

/** Where in a markdown note a run's config came from. */
const noteOriginSchema = z.object({
  file: z.string(),
  block: stepCount,
  line: stepCount,
}).readonly();
export type NoteOrigin = z.output<typeof noteOriginSchema>;

const metricSpecSchema = z.object({
  name: z.string().max(100),
  label: z.string().max(200),
  short: z.string().max(20).exactOptional(),
  network: z.string().max(100).exactOptional(),
  probability: z.boolean().exactOptional(),
}).readonly();

/** A family's metric catalogue (src/core/families/catalogue.ts), as run.json records it. */
export const catalogueSchema = z.object({
  groups: z.array(z.object({
    title: z.string().max(200),
    description: z.string().max(500),
    metrics: z.array(metricSpecSchema).max(64).readonly(),
    logScale: z.boolean(),
    explanation: z.string().max(1200).exactOptional(),
  }).readonly()).max(16).readonly(),
  headline: z.tuple([z.string(), z.string()]).readonly(),
}).readonly();

/**
 * run.json: where a run stands. Rewritten atomically on every change of status and periodically;
 * validated whole on every read (it comes from the workspace, which may be anyone's). Fields added
 * in later formats must be optional here, so older runs keep opening.
 */
export const runInfoSchema = z.object({
  format: z.int().min(1).refine((format) => format <= RUN_FORMAT, {
    error: (issue) => `written by a newer GAN Studio (format ${String(issue.input)}; this one reads up to ${RUN_FORMAT})`,
  }),
  runId: z.string().max(200).regex(runIdPattern, 'use letters, digits, ".", "_" and "-", starting with a letter or digit'),
  name: z.string(),
  status: z.enum(runStatuses),
  /** Generator steps completed. */
  step: stepCount,
  totalSteps: stepCount,
  seed: z.number(),
  configHash: z.string(),
  /** The config file the run was started from, if any. */
  configFile: z.string().exactOptional(),
  /** A run trained from a `gan` block of a markdown note: the note, the block (0-based among the note's gan blocks) and its fence line. */
  note: noteOriginSchema.exactOptional(),
  dataset: z.string(),
  /** The backend report; `requested` is not required (run.json's type once left it out). */
  backend: backendReportSchema.extend({ requested: backendReportSchema.shape.requested.exactOptional() }).readonly().exactOptional(),
  startedAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().exactOptional(),
  /** Why the run failed or was interrupted. */
  error: z.string().exactOptional(),
  lastCheckpoint: z.object({ step: stepCount, path: pathInRun }).readonly().exactOptional(),
  lastSample: z.object({ step: stepCount, path: pathInRun }).readonly().exactOptional(),
  /** What the run logs (its family's metric catalogue); absent in runs from before catalogues, which are all GANs. */
  catalogue: catalogueSchema.exactOptional(),
  /** The networks its checkpoints hold, by name: what it can export or encode with (an `encoder`). */
  networks: z.array(z.string().max(40)).max(32).readonly().exactOptional(),
  /** What the run's sample pictures show when no generator draws them (DANN's features): the dashboard's card says so. */
  picture: z.object({ title: z.string().max(120), description: z.string().max(500) }).readonly().exactOptional(),
  /** Pictures the run saves beside its sample grid, each under samples/<name>/ (a family's sample views). */
  views: z.array(z.object({
    name: z.string().regex(VIEW_NAME),
    title: z.string().max(120),
    description: z.string().max(500),
    lastStep: stepCount.exactOptional(),
  }).readonly()).max(MAX_VIEWS).readonly().exactOptional(),
  /** The process training it, so a reader can tell a live run from one whose trainer died. */
  pid: z.int().positive().exactOptional(),
  hostname: z.string().exactOptional(),
}).readonly();
export type RunInfo = z.output<typeof runInfoSchema>;

/**
 * One training line of metrics.jsonl (run format 2): the step, its time and throughput, and the
 * values the family's catalogue names, by name (a GAN's dLoss and gLoss, BiGAN's encoderTerm, a
 * VAE's klLoss). Lines of format 1 are GAN lines and read the same way.
 */
export interface MetricsRecord {
  readonly [metric: string]: number | string | undefined;
  readonly step: number;
  readonly time: string;
  readonly elapsedSeconds: number;
  /** Steps per second of wall-clock training time, logging, samples and checkpoints included: what ETAs use. */
  readonly stepsPerSecond: number;
  readonly examplesPerSecond: number;
  /** Steps per second of the steps alone (absent in runs written before it existed). */
  readonly computeStepsPerSecond?: number;
}

/**
 * A line of an adversarial game (a GAN's, BiGAN's, VAE-GAN's): what the failure-mode diagnostics
 * read. Optional fields appear when the objective or regularizer is on.
 */
export interface GameRecord extends MetricsRecord {
  readonly dLoss: number;
  readonly gLoss: number;
  /**
   * D's adversarial loss on real and on generated data (they sum to the adversarial part of dLoss).
   * For a conditional GAN with mismatchedLabels, the fake side also averages in real examples with wrong labels.
   */
  readonly dLossReal: number;
  readonly dLossFake: number;
  readonly gradientPenalty?: number;
  readonly r1Penalty?: number;
  /** InfoGAN: λ-weighted −log Q(c | G(z, c)) on the D step's generated batch, part of both dLoss and gLoss. */
  readonly infoLoss?: number;
  /** Mean D output on the real and generated batch: a probability for minimax/non-saturating, else a raw score. */
  readonly dReal: number;
  readonly dFake: number;
  readonly gradNormD: number;
  readonly gradNormG: number;
  readonly instanceNoiseSigma?: number;
}

/**
 * One line of histograms.jsonl: D outputs on real and generated data over equal bins spanning
 * [lo, hi], for one of the run's histogram views (absent: the GAN's, as format-1 lines are).
 */
export interface HistogramRecord extends Partial<HistogramKey> {
  readonly step: number;
  readonly lo: number;
  readonly hi: number;
  /** Counts per bin; values outside [lo, hi] are counted in the first or last bin. */
  readonly real: readonly number[];
  readonly fake: readonly number[];
  readonly realMean: number;
  readonly fakeMean: number;
}

/** A point of the data plane, in the data's own (normalised) coordinates. */
export type PlanePoint = readonly [number, number];

/**
 * One line of field.jsonl (2D data only): the "GAN Lab" view of a step. D's output over a grid
 * covering the plane, a fixed sample of real points, the generated points of the run's fixed
 * noise, and for each generated point the direction the generator's next update moves it.
 */
export interface FieldRecord {
  readonly step: number;
  /** The plane shown; the grid and the points use these coordinates. */
  readonly bounds: { readonly xMin: number; readonly xMax: number; readonly yMin: number; readonly yMax: number };
  /** Grid cells per side. */
  readonly size: number;
  /**
   * D's displayed output per cell, row-major, row 0 at yMax (the top, as in an image): cell (i, j)
   * is centred at x = xMin + (i + ½)·w, y = yMax − (j + ½)·h with w, h the cell sizes.
   */
  readonly scores: readonly number[];
  /** The range scores are coloured over: [0, 1] for probabilities, else the min and max seen. */
  readonly scoreRange: readonly [number, number];
  /** What the scores are, when not D's output: BiGAN's plane shows its encoder's code E(x). */
  readonly scoreLabel?: string;
  readonly real: readonly PlanePoint[];
  readonly fake: readonly PlanePoint[];
  /** Per fake point: −∂(generator loss)/∂x, the way G's gradient pushes that sample (unscaled). */
  readonly arrows: readonly PlanePoint[];
  /**
   * GAN Lab's latent-space view: G's output for a lattice of z over ±`range` in z's first `dims`
   * dimensions (the others 0): `size` points along z₁ per row, `size` rows along z₂ (one row when
   * dims is 1), row-major. Absent in records from before it was written.
   */
  readonly latentGrid?: { readonly size: number; readonly dims: 1 | 2; readonly range: number; readonly points: readonly PlanePoint[] };
}

export function isFieldRecord(value: unknown): value is FieldRecord {
  const record = value as Partial<FieldRecord> | null;
  return typeof record === 'object' && record !== null && typeof record.step === 'number'
    && Array.isArray(record.scores) && Array.isArray(record.fake) && Array.isArray(record.arrows);
}

/** A training line: a step, no `type` (evaluation and diagnostic lines have one). */
export function isMetricsRecord(value: unknown): value is MetricsRecord {
  const record = value as Partial<Record<string, unknown>> | null;
  return typeof record === 'object' && record !== null && !Array.isArray(record) && typeof record['step'] === 'number' && record['type'] === undefined;
}

const gameFields = ['dLoss', 'gLoss', 'dLossReal', 'dLossFake', 'dReal', 'dFake', 'gradNormD', 'gradNormG'] as const;

/** A training line of an adversarial game, with every value the diagnostics read. */
export function isGameRecord(record: MetricsRecord): record is GameRecord {
  return gameFields.every((field) => typeof record[field] === 'number');
}

export function isHistogramRecord(value: unknown): value is HistogramRecord {
  const record = value as Partial<HistogramRecord> | null;
  return typeof record === 'object' && record !== null && typeof record.step === 'number'
    && Array.isArray(record.real) && Array.isArray(record.fake)
    && (['view', 'title', 'realLabel', 'fakeLabel'] as const).every((field) => record[field] === undefined || typeof record[field] === 'string');
}
