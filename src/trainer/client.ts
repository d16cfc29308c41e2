import { fork, type ChildProcess } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { markRunEnded } from '../core/run/markEnded';
import type { RunInfo } from '../core/run/records';
import type { TrainingEvent } from '../core/train/events';
import type { TrainOptions } from '../core/train/prepare';
import { Emitter } from '../core/util/emitter';
import type { Disposable } from '../core/util/disposable';
import type { HostToTrainer, TrainerToHost } from '../protocol/trainerMessages';

/**
 * Where training runs: a worker thread for the pure-JS backends, a forked Node process for the
 * native one (a crash in native code must not take the extension host down, and tfjs-node loads
 * once per process).
 */
export type TrainerTransport = 'worker' | 'process';

export type TrainerOutcome =
  | { readonly kind: 'finished'; readonly info: RunInfo }
  | { readonly kind: 'error'; readonly message: string; readonly userError: boolean }
  /** The trainer exited without reporting an end; the run (if it had started) is marked with why. */
  | { readonly kind: 'died'; readonly message: string; readonly info?: RunInfo };

interface Channel {
  post(message: HostToTrainer): void;
  kill(): void;
}

/** A running trainer as the host sees it: events in, controls out, one outcome at the end. */
export class TrainerClient implements Disposable {
  private readonly emitter = new Emitter<TrainingEvent>();
  private readonly channel: Channel;
  private runDir: string | undefined;
  private reported: TrainerOutcome | undefined;
  readonly done: Promise<TrainerOutcome>;

  constructor(entry: string, transport: TrainerTransport, options: TrainOptions) {
    let settle!: (outcome: TrainerOutcome) => void;
    this.done = new Promise((resolve) => { settle = resolve; });
    const onMessage = (message: TrainerToHost) => this.receive(message);
    const onExit = (reason: string, status: 'failed' | 'interrupted') => void this.exited(reason, status).then(settle);
    this.channel = transport === 'worker' ? workerChannel(entry, onMessage, onExit) : processChannel(entry, onMessage, onExit);
    this.channel.post({ type: 'start', options });
  }

  on(listener: (event: TrainingEvent) => void): Disposable {
    return this.emitter.on(listener);
  }

  pause(): void { this.channel.post({ type: 'pause' }); }
  resume(): void { this.channel.post({ type: 'resume' }); }
  /** Stops at the next step boundary, with a checkpoint. */
  stop(): void { this.channel.post({ type: 'stop' }); }

  /** Ends the trainer at once (no checkpoint); the run is marked interrupted. */
  dispose(): void {
    this.channel.kill();
    this.emitter.dispose();
  }

  private receive(message: TrainerToHost): void {
    if (message.type === 'event') {
      if (message.event.type === 'started') this.runDir = message.event.runDir;
      this.emitter.fire(message.event);
    } else if (message.type === 'finished') {
      this.reported = { kind: 'finished', info: message.info };
    } else {
      this.reported = { kind: 'error', message: message.message, userError: message.userError };
    }
  }

  private async exited(reason: string, status: 'failed' | 'interrupted'): Promise<TrainerOutcome> {
    if (this.reported) return this.reported;
    const message = `the trainer ${reason} before the run ended`;
    if (!this.runDir) return { kind: 'died', message };
    return { kind: 'died', message, info: await markRunEnded(this.runDir, status, `${message}; resume from the last checkpoint`) };
  }
}

type ExitHandler = (reason: string, status: 'failed' | 'interrupted') => void;

function workerChannel(entry: string, onMessage: (message: TrainerToHost) => void, onExit: ExitHandler): Channel {
  const worker = new Worker(entry);
  let crash: string | undefined;
  let terminated = false;
  worker.on('message', onMessage);
  worker.on('error', (error) => { crash = error.message; });
  worker.on('exit', (code) => {
    if (terminated) onExit('was stopped by the host', 'interrupted');
    else onExit(crash ? `crashed (${crash})` : `exited with code ${code}`, 'failed');
  });
  return {
    post: (message) => worker.postMessage(message),
    kill: () => { terminated = true; void worker.terminate(); },
  };
}

function processChannel(entry: string, onMessage: (message: TrainerToHost) => void, onExit: ExitHandler): Channel {
  const child: ChildProcess = fork(entry, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000); });
  child.on('message', (message) => onMessage(message as TrainerToHost));
  child.on('exit', (code, signal) => {
    const lastLine = stderr.trim().split('\n').at(-1);
    onExit(signal ? `was killed by ${signal}` : `exited with code ${code}${lastLine ? ` (${lastLine})` : ''}`,
      signal ? 'interrupted' : 'failed');
  });
  return {
    post: (message) => { if (child.connected) child.send(message); },
    kill: () => { child.kill('SIGKILL'); },
  };
}
