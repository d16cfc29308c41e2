import { fork } from 'node:child_process';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { checkMessage } from '../protocol/checkedMessage';
import { trainerToHostSchema, type HostToTrainer, type TrainerToHost } from '../protocol/trainerMessages';

/**
 * Where a trainer runs: a worker thread for the pure-JS backends, a forked Node process for the
 * native one (a crash in native code must not take the extension host down, and tfjs-node loads
 * once per process).
 */
export type TrainerTransport = 'worker' | 'process';

/** How the trainer ended, as the transport saw it; `status` is what its run should be marked. */
export interface ChannelExit {
  readonly reason: string;
  readonly status: 'failed' | 'interrupted';
}

export interface ChannelHandlers {
  message(message: TrainerToHost): void;
  /** One line the trainer wrote to stdout or stderr (TF.js and Node warnings land here). */
  log(line: string): void;
  exit(exit: ChannelExit): void;
}

/** Both transports behind one shape: the host does not care which one it talks to. */
export interface TrainerChannel {
  post(message: HostToTrainer): void;
  /** Ends the trainer at once. */
  kill(): void;
  /** The worker thread's id (undefined for a process): a terminated worker's run lock is its host's to release. */
  readonly workerThreadId: number | undefined;
}

export function openChannel(entry: string, transport: TrainerTransport, handlers: ChannelHandlers): TrainerChannel {
  return transport === 'worker' ? workerChannel(entry, handlers) : processChannel(entry, handlers);
}

function workerChannel(entry: string, handlers: ChannelHandlers): TrainerChannel {
  const worker = new Worker(entry, { stdout: true, stderr: true });
  forwardLines(worker.stdout, handlers.log);
  forwardLines(worker.stderr, handlers.log);
  let crash: string | undefined;
  let terminated = false;
  worker.on('message', receiveChecked(handlers));
  worker.on('error', (error) => { crash = error.message; });
  worker.on('exit', (code) => {
    if (terminated) handlers.exit({ reason: 'was stopped by the host', status: 'interrupted' });
    else handlers.exit({ reason: crash ? `crashed (${crash})` : `exited with code ${code}`, status: 'failed' });
  });
  return {
    post: (message) => worker.postMessage(message),
    kill: () => { terminated = true; void worker.terminate(); },
    workerThreadId: worker.threadId,
  };
}

function processChannel(entry: string, handlers: ChannelHandlers): TrainerChannel {
  const child = fork(entry, [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let lastLine = '';
  const log = (line: string) => { lastLine = line; handlers.log(line); };
  if (child.stdout) forwardLines(child.stdout, log);
  if (child.stderr) forwardLines(child.stderr, log);
  child.on('message', receiveChecked(handlers));
  child.on('exit', (code, signal) => {
    // The last line the process wrote usually says why it died (an abort in native code, OOM).
    if (signal) handlers.exit({ reason: `was killed by ${signal}`, status: 'interrupted' });
    else handlers.exit({ reason: `exited with code ${code}${lastLine ? ` (${lastLine})` : ''}`, status: 'failed' });
  });
  return {
    post: (message) => { if (child.connected) child.send(message); },
    kill: () => { child.kill('SIGKILL'); },
    // A dead process's lock is stale by its pid: the next trainer takes it over.
    workerThreadId: undefined,
  };
}

/** Hands on only messages in the protocol; anything else is logged with why, and nothing acts on it. */
function receiveChecked(handlers: ChannelHandlers): (data: unknown) => void {
  return (data) => {
    const checked = checkMessage(trainerToHostSchema, data);
    if (checked.ok) handlers.message(checked.message);
    else handlers.log(`ignored a message outside the trainer protocol (${checked.reason})`);
  };
}

function forwardLines(stream: Readable, log: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) log(line);
  });
  stream.on('end', () => { if (pending.trim()) log(pending); });
}
