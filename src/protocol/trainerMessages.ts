import { z } from 'zod';
import type { BackendName } from '../core/config/trainingSchema';
import { evaluationRecordSchema } from '../core/run/evaluationRecords';
import { runInfoSchema, stepCount } from '../core/run/records';
import { trainingEventSchema } from '../core/train/events';
import type { LiveChange } from '../core/run/changeRecords';
import type { EncodeSource } from '../core/train/encodeRun';
import type { TranslateRequest } from '../core/train/translateRun';
import type { TrainOptions } from '../core/train/prepare';

/** Why a run ended when its window closed or reloaded: the host stops its trainers with this, and a trainer whose host vanished says the same. */
export const WINDOW_CLOSED = 'the window was reloaded or closed while it trained; resume from the last checkpoint';

/** Writes a run's generator (latest checkpoint) as a TF.js LayersModel into `outDir`. */
export interface ExportRequest {
  readonly runDir: string;
  readonly outDir: string;
  readonly backend?: BackendName;
  readonly nativeSearchDirs?: readonly string[];
}

/** Writes the codes E(x) of a run's encoder (latest checkpoint) for `source` into `outFile` (.csv or .json). */
export interface EncodeRequest {
  readonly runDir: string;
  readonly outFile: string;
  readonly source: EncodeSource;
  readonly backend?: BackendName;
  readonly nativeSearchDirs?: readonly string[];
}

/** Translates the images at `input` with a translation run's generator in `direction`, one PNG each into `outDir`. */
export type { TranslateRequest } from '../core/train/translateRun';

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
 * does one job (`train`, `export`, `encode`, `translate` or `evaluate`) and exits. This direction is typed, not checked:
 * the host starts the trainer and is the only one that can write to it.
 */
export type HostToTrainer =
  | { readonly type: 'train'; readonly options: TrainOptions }
  | { readonly type: 'export'; readonly request: ExportRequest }
  | { readonly type: 'evaluate'; readonly request: EvaluateRequest }
  | { readonly type: 'encode'; readonly request: EncodeRequest }
  | { readonly type: 'translate'; readonly request: TranslateRequest }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  /** A paused run trains this many steps, then pauses again (GAN Lab's step button). */
  | { readonly type: 'advance'; readonly steps: number }
  /** At most this many steps a second, to watch the game unfold (absent: full speed). */
  | { readonly type: 'pace'; readonly stepsPerSecond?: number }
  /** A live change (rates, updates, weights, one player alone), recorded in the run. */
  | { readonly type: 'tune'; readonly change: LiveChange }
  /** Stop at the next step boundary with a checkpoint; with `interruption` the run ends interrupted. */
  | { readonly type: 'stop'; readonly interruption?: string };

/**
 * What a trainer sends. Checked by the host on arrival (src/trainer/channel.ts): the trainer runs
 * workspace data through TF.js and native code, and a message it garbles must be refused, not acted on.
 */
export const trainerToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: trainingEventSchema }),
  /** The run ended (completed, stopped or failed during training); the trainer exits next. */
  z.object({ type: z.literal('finished'), info: runInfoSchema }),
  /** The export job wrote these files, from the checkpoint at `step`. */
  z.object({ type: z.literal('exported'), files: z.array(z.string()).readonly(), step: stepCount }),
  /** The encode job wrote `count` codes of what `description` says, from the checkpoint at `step`. */
  z.object({ type: z.literal('encoded'), file: z.string(), count: z.int().nonnegative(), description: z.string(), step: stepCount }),
  /** The translate job wrote `count` PNGs (`files`) translating `description` (a → b or b → a), from the checkpoint at `step`. */
  z.object({ type: z.literal('translated'), files: z.array(z.string()).readonly(), count: z.int().nonnegative(), description: z.string(), step: stepCount }),
  /** The evaluate job measured the generator (and recorded it in the run). */
  z.object({ type: z.literal('evaluated'), record: evaluationRecordSchema }),
  /** The job could not start or the trainer broke; `userError` marks a problem the user can fix. */
  z.object({ type: z.literal('error'), message: z.string(), userError: z.boolean() }),
]);
export type TrainerToHost = z.output<typeof trainerToHostSchema>;
