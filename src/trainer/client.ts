import { markRunEnded } from '../core/run/markEnded';
import { releaseWorkerLock } from '../core/run/runLock';
import type { RunInfo } from '../core/run/records';
import type { LiveChange } from '../core/run/changeRecords';
import type { TrainingEvent } from '../core/train/events';
import type { ControlsState } from '../core/train/liveControls';
import type { TrainOptions } from '../core/train/prepare';
import { Emitter } from '../core/util/emitter';
import type { Disposable } from '../core/util/disposable';
import type { TrainerToHost } from '../protocol/trainerMessages';
import { openChannel, type ChannelExit, type TrainerChannel, type TrainerTransport } from './channel';

export type TrainerOutcome =
  | { readonly kind: 'finished'; readonly info: RunInfo }
  | { readonly kind: 'error'; readonly message: string; readonly userError: boolean }
  /** The trainer exited without reporting an end; the run (if it had started) is marked with why. */
  | { readonly kind: 'died'; readonly message: string; readonly info?: RunInfo };

/** A training job as the host sees it: events in, controls out, one outcome at the end. */
export class TrainerClient implements Disposable {
  private readonly events = new Emitter<TrainingEvent>();
  private readonly logs = new Emitter<string>();
  private readonly channel: TrainerChannel;
  private runDir: string | undefined;
  private reported: TrainerOutcome | undefined;
  /** The run a resume trains, known before the trainer reports it (it may die first, holding the lock). */
  private readonly resumeDir: string | undefined;
  private paceLimit: number | undefined;
  private controlsState: ControlsState | undefined;
  readonly done: Promise<TrainerOutcome>;

  constructor(entry: string, readonly transport: TrainerTransport, options: TrainOptions) {
    this.resumeDir = options.resumeDir;
    let settle!: (outcome: TrainerOutcome) => void;
    this.done = new Promise((resolve) => { settle = resolve; });
    this.channel = openChannel(entry, transport, {
      message: (message) => this.receive(message),
      log: (line) => this.logs.fire(line),
      exit: (exit) => void this.exited(exit).then(settle),
    });
    this.channel.post({ type: 'train', options });
  }

  on(listener: (event: TrainingEvent) => void): Disposable {
    return this.events.on(listener);
  }

  /** Lines the trainer printed (warnings from TF.js or Node), for the output channel. */
  onLog(listener: (line: string) => void): Disposable {
    return this.logs.on(listener);
  }

  pause(): void { this.channel.post({ type: 'pause' }); }
  resume(): void { this.channel.post({ type: 'resume' }); }
  /** A paused run trains `steps` more steps, then pauses again. */
  advance(steps: number): void { this.channel.post({ type: 'advance', steps }); }
  /** At most `stepsPerSecond` steps a second; undefined: full speed. */
  pace(stepsPerSecond: number | undefined): void {
    this.paceLimit = stepsPerSecond;
    this.channel.post({ type: 'pace', ...(stepsPerSecond !== undefined ? { stepsPerSecond } : {}) });
  }

  /** A live change (rates, updates, weights, one player alone); the trainer records it in the run. */
  tune(change: LiveChange): void { this.channel.post({ type: 'tune', change }); }

  /** The live controls' settings as the trainer last reported them. */
  get controls(): ControlsState | undefined {
    return this.controlsState;
  }

  /** The speed limit last asked for (undefined: full speed), for a dashboard opened later to show. */
  get pacedAt(): number | undefined {
    return this.paceLimit;
  }
  /** Stops at the next step boundary, with a checkpoint; with `interruption` the run ends interrupted. */
  stop(interruption?: string): void {
    this.channel.post(interruption ? { type: 'stop', interruption } : { type: 'stop' });
  }

  /** Ends the trainer at once (no checkpoint); the run is marked interrupted. */
  dispose(): void {
    this.channel.kill();
    this.events.dispose();
    this.logs.dispose();
  }

  private receive(message: TrainerToHost): void {
    if (message.type === 'event') {
      if (message.event.type === 'started') this.runDir = message.event.runDir;
      if (message.event.type === 'controls') this.controlsState = message.event.state;
      this.events.fire(message.event);
    } else if (message.type === 'finished') {
      this.reported = { kind: 'finished', info: message.info };
    } else if (message.type === 'error') {
      this.reported = { kind: 'error', message: message.message, userError: message.userError };
    }
  }

  private async exited(exit: ChannelExit): Promise<TrainerOutcome> {
    try {
      return await this.outcome(exit);
    } finally {
      // After the run is marked: a trainer that takes the lock next must not see its status overwritten.
      const runDir = this.runDir ?? this.resumeDir;
      if (runDir && this.channel.workerThreadId !== undefined) releaseWorkerLock(runDir, this.channel.workerThreadId);
    }
  }

  private async outcome({ reason, status }: ChannelExit): Promise<TrainerOutcome> {
    if (this.reported) return this.reported;
    const message = `the trainer ${reason} before the run ended`;
    if (!this.runDir) return { kind: 'died', message };
    return { kind: 'died', message, info: await markRunEnded(this.runDir, status, `${message}; resume from the last checkpoint`) };
  }
}
