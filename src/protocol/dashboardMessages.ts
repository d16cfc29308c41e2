import { z } from 'zod';
import type { AdapterFacts } from '../core/backend/report';
import { liveChangeSchema, type ChangeRecord } from '../core/run/changeRecords';
import type { DiagnosticRecord, EvaluationRecord } from '../core/run/evaluationRecords';
import type { ControlsState } from '../core/train/liveControls';
import type { EvaluationPlan } from '../core/eval/evaluationPlan';
import type { MetricCatalogue } from '../core/families/catalogue';
import type { FieldRecord, HistogramRecord, RunStatus } from '../core/run/records';
import { MAX_ADVANCE_STEPS } from './dashboardLimits';

// The one protocol between the extension host and a run's dashboard webview: plain data only,
// discriminated by `type`. What the webview sends is a schema, checked by the host on arrival
// (src/host/dashboardRequests.ts); what the host sends is typed at its source. The webview bundle
// (DOM, no Node) compiles this file but imports only its types, so zod stays out of that bundle.

/**
 * Logged steps as columns (what uPlot draws): `steps[i]` goes with `values[name][i]`, one column
 * per numeric field of metrics.jsonl by its name. A field a run does not log (no gradient penalty,
 * say) is absent; a missing value inside one is null. The header's catalogue says what each is.
 */
export interface MetricSeries {
  readonly steps: readonly number[];
  /**
   * The run's training time at each step (metrics.jsonl's elapsedSeconds, which continues across
   * resumes): what a chart's time axis draws. Null where a line lacks it.
   */
  readonly elapsedSeconds: readonly (number | null)[];
  readonly values: Readonly<Record<string, readonly (number | null)[]>>;
}

/** What the header shows and which controls apply. */
export interface RunHeader {
  readonly runDir: string;
  readonly runId: string;
  readonly name: string;
  readonly status: RunStatus;
  readonly step: number;
  readonly totalSteps: number;
  readonly stepsPerSecond?: number;
  readonly etaSeconds?: number;
  readonly backend?: string;
  /** The WebGPU adapter the run trains on (webgpu runs only): named after the backend, its facts in a tooltip. */
  readonly adapter?: AdapterFacts;
  readonly error?: string;
  /** Trained by this window now: Pause/Resume/Stop apply. */
  readonly live: boolean;
  /** The step of the checkpoint a stopped, interrupted or failed run can resume from (Resume applies). */
  readonly resumableFrom?: number;
  /** 'points' for 2D data (the plane view applies), 'images' for image data. */
  readonly dataKind: 'points' | 'images';
  /** The adversarial objective, e.g. non-saturating, wasserstein: what D's outputs mean. */
  readonly objective: string;
  /** What the run logs and how its charts group it (the family's metric catalogue). */
  readonly metrics: MetricCatalogue;
  /** The networks the run's checkpoints hold (absent for runs from before run.json listed them): D's cards need a discriminator. */
  readonly networks?: readonly string[];
  /** The family's sample views beyond the grid, each a card of its own (their frames come in `views`). */
  readonly views: readonly SampleViewInfo[];
  /** What the sample pictures show when the family has no generator (DANN's features): the samples card's title and text. */
  readonly picture?: { readonly title: string; readonly description: string };
  /** Whether and how often the run measures its generator (the Evaluation card says so before the first figures). */
  readonly evaluation?: EvaluationPlan;
  /** The step of the latest checkpoint: an on-demand evaluation measures its generator. */
  readonly checkpointStep?: number;
  /** A live run slowed to at most this many steps a second (GAN Lab's speed); absent at full speed. */
  readonly pace?: number;
  /** A live run's rates, updates and weights as its live controls set them (absent until its trainer reports them). */
  readonly controls?: ControlsState;
}

/** A family's named picture (samples/<name>/), e.g. BiGAN's reconstructions x | G(E(x)). */
export interface SampleViewInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string;
}

/** A saved sample grid: its step and a webview URI for its PNG (immutable, so cacheable). */
export interface SampleFrame {
  readonly step: number;
  readonly uri: string;
}

/** Another run of the same config, offered for the loss overlay. */
export interface CompareCandidate {
  readonly runDir: string;
  readonly runId: string;
  readonly status: RunStatus;
  readonly step: number;
}

export interface DashboardContent {
  readonly header: RunHeader;
  readonly metrics: MetricSeries;
  readonly histograms: readonly HistogramRecord[];
  readonly samples: readonly SampleFrame[];
  /**
   * Each sample view's saved pictures by view name, whole (a view has as many as the grid at most):
   * a snapshot's replace the webview's; an update carries them only when they changed.
   */
  readonly views?: Readonly<Record<string, readonly SampleFrame[]>>;
  /**
   * The plane view's records (2D data only), by step: a snapshot's are the history (thinned evenly
   * to MAX_SENT_FIELDS of dashboardLimits.ts, the newest always kept) and replace the webview's; an update's are new.
   */
  readonly fields?: readonly FieldRecord[];
  /** metrics.jsonl's evaluation lines, in file order (an on-demand evaluation may measure an earlier step). */
  readonly evaluations: readonly EvaluationRecord[];
  /** metrics.jsonl's diagnostic lines (failure modes raised and cleared), in file order. */
  readonly diagnostics: readonly DiagnosticRecord[];
  /** metrics.jsonl's live-change lines (rates, updates, weights changed by hand), in file order: the charts mark them. */
  readonly changes: readonly ChangeRecord[];
}

export type HostToDashboard =
  /** Everything, after `ready`, on becoming visible, or when the webview asks to resync. */
  | ({ readonly type: 'snapshot'; readonly version: number; readonly compare: readonly CompareCandidate[];
      readonly canSnapshotToNote: boolean;
      /** What the host left out of a run's files too large to send whole (the dashboard shows it). */
      readonly notice?: string } & DashboardContent)
  /**
   * What is new since the message numbered `version - 1`: rows to append (metrics, histograms,
   * samples, evaluations, diagnostics, changes, fields), and the header to replace. A webview that
   * missed a version resyncs.
   */
  | ({ readonly type: 'update'; readonly version: number } & DashboardContent)
  /**
   * Loss curves of other runs for the overlay, answering the `compare` with the same `requestId`:
   * the webview applies only the answer to its latest request (a slow older one must not win).
   */
  | { readonly type: 'compareData'; readonly requestId: number; readonly runs: readonly { readonly runId: string; readonly metrics: MetricSeries }[] }
  /** The run's files cannot be read (run.json or config.json fails its checks): the dashboard shows why, and nothing else. */
  | { readonly type: 'unreadable'; readonly reason: string };


/** The most runs one `compare` may name: a bound on what one message can make the host read. */
export const MAX_COMPARED_RUNS = 100;

export const dashboardToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** The webview saw a gap in versions: send a snapshot. */
  z.object({ type: z.literal('resync') }),
  z.object({ type: z.literal('control'), action: z.enum(['pause', 'resume', 'stop']) }),
  /** A paused run trains this many steps, then pauses again (GAN Lab's step button). */
  z.object({ type: z.literal('advance'), steps: z.int().min(1).max(MAX_ADVANCE_STEPS) }),
  /** GAN Lab's speed: at most this many steps a second (absent: full speed). */
  z.object({ type: z.literal('pace'), stepsPerSecond: z.number().positive().max(1000).optional() }),
  /** Change a live run's learning rate, updates per step or an objective's weight, or train one player alone for a while. */
  z.object({ type: z.literal('tune'), change: liveChangeSchema }),
  /** Continue a run that no trainer runs, from its latest checkpoint, in a new trainer. */
  z.object({ type: z.literal('resumeFromCheckpoint') }),
  z.object({ type: z.literal('openRunFolder') }),
  /** Save a chart's values (metrics.jsonl's columns, undecimated, with step and wall time) to a file the user picks. */
  z.object({
    type: z.literal('exportMetrics'), title: z.string().max(200), columns: z.array(z.string().max(100)).min(1).max(64).readonly(),
    format: z.enum(['csv', 'json']),
  }),
  /** Measure the generator of the latest checkpoint now (the extension's Evaluate Run). */
  z.object({ type: z.literal('evaluate') }),
  /** Insert the grid of `step` (and the charts as they stand) into the markdown note. */
  z.object({ type: z.literal('snapshotToNote'), step: z.int().nonnegative() }),
  /** Overlay the loss curves of these runs (empty: none); the answer carries the same `requestId`. */
  z.object({ type: z.literal('compare'), requestId: z.int().nonnegative(), runDirs: z.array(z.string()).max(MAX_COMPARED_RUNS).readonly() }),
]);
export type DashboardToHost = z.output<typeof dashboardToHostSchema>;
