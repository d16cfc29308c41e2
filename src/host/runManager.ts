import { UserError } from '../core/errors';
import type { GanConfig } from '../core/config/schema';
import type { BackendName } from '../core/config/trainingSchema';
import type { NoteOrigin } from '../core/run/records';
import { assertRunUnlocked } from '../core/run/runLock';
import type { TrainingEvent } from '../core/train/events';
import type { TrainOptions } from '../core/train/prepare';
import { Emitter } from '../core/util/emitter';
import type { Disposable } from '../core/util/disposable';
import { TrainerClient, type TrainerOutcome } from '../trainer/client';
import { WINDOW_CLOSED } from './runDiscovery';
import { chooseTransport, effectiveBackend } from './transport';

/** The settings a start needs, read when it happens. */
export interface TrainingSettings {
  readonly maxConcurrentRuns: number;
  readonly backend: BackendName;
  readonly nativeSearchDirs: readonly string[];
  readonly retention: { readonly samples?: number; readonly checkpoints?: number };
  /** Threads for the wasm backend; undefined: one per core. */
  readonly wasmThreads?: number;
}

export type StartRequest =
  | { readonly kind: 'config'; readonly runsDir: string; readonly config: GanConfig; readonly hash: string; readonly file?: string;
      readonly note?: NoteOrigin }
  | { readonly kind: 'resume'; readonly runsDir: string; readonly runDir: string; readonly steps?: number; readonly backend: BackendName };

/** A trainer this window started; `runDir` is known once the trainer reports `started`. */
export interface ActiveRun {
  readonly id: number;
  readonly client: TrainerClient;
  readonly label: string;
  readonly configFile?: string;
  runDir?: string;
}

/** How logs and notifications name a run: its folder (the run id) once known, else its config's name. */
export function runDisplayName(run: Pick<ActiveRun, 'runDir' | 'label'>): string {
  return run.runDir ? run.runDir.split(/[\\/]/).at(-1) ?? run.label : run.label;
}

export type RunManagerEvent =
  | { readonly type: 'event'; readonly run: ActiveRun; readonly event: TrainingEvent }
  | { readonly type: 'log'; readonly run: ActiveRun; readonly line: string }
  | { readonly type: 'ended'; readonly run: ActiveRun; readonly outcome: TrainerOutcome };

/**
 * The trainers of this window: starts them (worker or process, under a concurrency cap), routes
 * their controls and events, and on shutdown stops each at a step boundary with a checkpoint.
 */
export class RunManager implements Disposable {
  private readonly runs = new Map<number, ActiveRun>();
  private readonly emitter = new Emitter<RunManagerEvent>();
  private nextId = 1;

  constructor(private readonly trainerEntry: string, private readonly settings: () => TrainingSettings) {}

  on(listener: (event: RunManagerEvent) => void): Disposable {
    return this.emitter.on(listener);
  }

  active(): ActiveRun[] {
    return [...this.runs.values()];
  }

  byDir(runDir: string): ActiveRun | undefined {
    return this.active().find((run) => run.runDir === runDir);
  }

  /**
   * Starts a trainer. A run another trainer holds (a CLI process, another window) is refused here,
   * with its holder named, before any trainer starts; the trainer itself checks again.
   */
  async start(request: StartRequest): Promise<ActiveRun> {
    if (request.kind === 'resume' && this.byDir(request.runDir)) {
      throw new UserError(`${request.runDir} is already training in this window`, request.runDir);
    }
    if (request.kind === 'resume') await assertRunUnlocked(request.runDir);
    const settings = this.settings();
    if (this.runs.size >= settings.maxConcurrentRuns) {
      throw new UserError(`${this.runs.size} run${this.runs.size === 1 ? ' is' : 's are'} already training, the most the ` +
        `"ganStudio.maxConcurrentRuns" setting allows (${settings.maxConcurrentRuns}); stop one or raise the setting`);
    }
    const backend = effectiveBackend(settings.backend, request.kind === 'config' ? request.config.backend : request.backend);
    const common = {
      runsDir: request.runsDir, backend, nativeSearchDirs: settings.nativeSearchDirs, retention: settings.retention,
      ...(settings.wasmThreads ? { wasmThreads: settings.wasmThreads } : {}),
    };
    const options: TrainOptions = request.kind === 'config'
      ? { ...common, config: { config: request.config, hash: request.hash, ...(request.file ? { file: request.file } : {}) },
        ...(request.note ? { note: request.note } : {}) }
      : { ...common, resumeDir: request.runDir, ...(request.steps !== undefined ? { steps: request.steps } : {}) };
    const client = new TrainerClient(this.trainerEntry, chooseTransport(backend, settings.nativeSearchDirs), options);
    const run: ActiveRun = {
      id: this.nextId++, client,
      label: request.kind === 'config' ? request.config.name : request.runDir,
      ...(request.kind === 'config' && request.file ? { configFile: request.file } : {}),
      ...(request.kind === 'resume' ? { runDir: request.runDir } : {}),
    };
    this.runs.set(run.id, run);
    client.on((event) => {
      if (event.type === 'started') run.runDir = event.runDir;
      this.emitter.fire({ type: 'event', run, event });
    });
    client.onLog((line) => this.emitter.fire({ type: 'log', run, line }));
    void client.done.then((outcome) => {
      this.runs.delete(run.id);
      this.emitter.fire({ type: 'ended', run, outcome });
    });
    return run;
  }

  /**
   * Stops every trainer at a step boundary (checkpoint saved, run marked interrupted so it is
   * offered for resume), killing any that has not finished within `graceMs`.
   */
  async shutdown(graceMs: number): Promise<void> {
    const runs = this.active();
    for (const run of runs) run.client.stop(WINDOW_CLOSED);
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([Promise.all(runs.map((run) => run.client.done)), timeout]);
    this.dispose();
  }

  dispose(): void {
    for (const run of this.runs.values()) run.client.dispose();
    this.runs.clear();
    this.emitter.dispose();
  }
}
