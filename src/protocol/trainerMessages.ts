import type { BackendName } from '../core/config/trainingSchema';
import type { EvaluationRecord } from '../core/run/evaluationRecords';
import type { RunInfo } from '../core/run/records';
import type { TrainingEvent } from '../core/train/events';
import type { TrainOptions } from '../core/train/prepare';

/** Writes a run's generator (latest checkpoint) as a TF.js LayersModel into `outDir`. */
export interface ExportRequest {
  readonly runDir: string;
  readonly outDir: string;
  readonly backend?: BackendName;
  readonly nativeSearchDirs?: readonly string[];
}

/** Evaluates a run's generator (latest checkpoint) and appends the result to its metrics.jsonl. */
export interface EvaluateRequest {
  readonly runDir: string;
  readonly samples?: number;
  readonly backend?: BackendName;
  readonly nativeSearchDirs?: readonly string[];
}

/**
 * The one protocol between the extension host and a trainer, whichever transport carries it (a
 * worker thread or a forked Node process): plain data only, discriminated by `type`. A trainer
 * does one job (`train`, `export` or `evaluate`) and exits.
 */
export type HostToTrainer =
  | { readonly type: 'train'; readonly options: TrainOptions }
  | { readonly type: 'export'; readonly request: ExportRequest }
  | { readonly type: 'evaluate'; readonly request: EvaluateRequest }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  /** Stop at the next step boundary with a checkpoint; with `interruption` the run ends interrupted. */
  | { readonly type: 'stop'; readonly interruption?: string };

export type TrainerToHost =
  | { readonly type: 'event'; readonly event: TrainingEvent }
  /** The run ended (completed, stopped or failed during training); the trainer exits next. */
  | { readonly type: 'finished'; readonly info: RunInfo }
  /** The export job wrote these files, from the checkpoint at `step`. */
  | { readonly type: 'exported'; readonly files: readonly string[]; readonly step: number }
  /** The evaluate job measured the generator (and recorded it in the run). */
  | { readonly type: 'evaluated'; readonly record: EvaluationRecord }
  /** The job could not start or the trainer broke; `userError` marks a problem the user can fix. */
  | { readonly type: 'error'; readonly message: string; readonly userError: boolean };
