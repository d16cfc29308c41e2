import type { BackendReport } from '../backend/report';

/** The run-directory contract (README, "Run directory"). Bump RUN_FORMAT on incompatible change. */
export const RUN_FORMAT = 1;

export const runStatuses = ['running', 'paused', 'completed', 'stopped', 'failed', 'interrupted'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** Where in a markdown note a run's config came from. */
export interface NoteOrigin {
  readonly file: string;
  readonly block: number;
  readonly line: number;
}

/** run.json: where a run stands. Rewritten atomically on every change of status and periodically. */
export interface RunInfo {
  readonly format: number;
  readonly runId: string;
  readonly name: string;
  readonly status: RunStatus;
  /** Generator steps completed. */
  readonly step: number;
  readonly totalSteps: number;
  readonly seed: number;
  readonly configHash: string;
  /** The config file the run was started from, if any. */
  readonly configFile?: string;
  /** A run trained from a `gan` block of a markdown note: the note, the block (0-based among the note's gan blocks) and its fence line. */
  readonly note?: NoteOrigin;
  readonly dataset: string;
  readonly backend?: Pick<BackendReport, 'backend' | 'reason' | 'attempts'>;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly endedAt?: string;
  /** Why the run failed or was interrupted. */
  readonly error?: string;
  readonly lastCheckpoint?: { readonly step: number; readonly path: string };
  readonly lastSample?: { readonly step: number; readonly path: string };
  /** The process training it, so a reader can tell a live run from one whose trainer died. */
  readonly pid?: number;
  readonly hostname?: string;
}

/** One line of metrics.jsonl. Optional fields appear when the objective or regularizer is on. */
export interface MetricsRecord {
  readonly step: number;
  readonly time: string;
  readonly elapsedSeconds: number;
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
  readonly stepsPerSecond: number;
  readonly examplesPerSecond: number;
}

/** One line of histograms.jsonl: D outputs on real and generated data over equal bins spanning [lo, hi]. */
export interface HistogramRecord {
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
  readonly real: readonly PlanePoint[];
  readonly fake: readonly PlanePoint[];
  /** Per fake point: −∂(generator loss)/∂x, the way G's gradient pushes that sample (unscaled). */
  readonly arrows: readonly PlanePoint[];
}

export function isFieldRecord(value: unknown): value is FieldRecord {
  const record = value as Partial<FieldRecord> | null;
  return typeof record === 'object' && record !== null && typeof record.step === 'number'
    && Array.isArray(record.scores) && Array.isArray(record.fake) && Array.isArray(record.arrows);
}

export function isMetricsRecord(value: unknown): value is MetricsRecord {
  const record = value as Partial<MetricsRecord> | null;
  return typeof record === 'object' && record !== null && typeof record.step === 'number'
    && typeof record.dLoss === 'number' && typeof record.gLoss === 'number';
}

export function isHistogramRecord(value: unknown): value is HistogramRecord {
  const record = value as Partial<HistogramRecord> | null;
  return typeof record === 'object' && record !== null && typeof record.step === 'number'
    && Array.isArray(record.real) && Array.isArray(record.fake);
}

export function isRunInfo(value: unknown): value is RunInfo {
  const info = value as Partial<RunInfo> | null;
  return typeof info === 'object' && info !== null && typeof info.runId === 'string'
    && typeof info.status === 'string' && (runStatuses as readonly string[]).includes(info.status)
    && typeof info.step === 'number';
}
