import type { RunInfo } from '../core/run/records';
import type { TrainingEvent } from '../core/train/events';
import type { TrainOptions } from '../core/train/prepare';

/**
 * The one protocol between the extension host and a trainer, whichever transport carries it (a
 * worker thread or a forked Node process): plain data only, discriminated by `type`.
 */
export type HostToTrainer =
  | { readonly type: 'start'; readonly options: TrainOptions }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' };

export type TrainerToHost =
  | { readonly type: 'event'; readonly event: TrainingEvent }
  /** The run ended (completed, stopped or failed during training); the trainer exits next. */
  | { readonly type: 'finished'; readonly info: RunInfo }
  /** The run could not start or the trainer broke; `userError` marks a problem the user can fix. */
  | { readonly type: 'error'; readonly message: string; readonly userError: boolean };
