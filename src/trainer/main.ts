import { parentPort } from 'node:worker_threads';
import { errorMessage, isUserError } from '../core/errors';
import { evaluateRun } from '../core/train/evaluateRun';
import { encodeToFile } from '../core/train/codesFile';
import { translateRun } from '../core/train/translateRun';
import { exportRun } from '../core/train/exportGenerator';
import { TrainingSession } from '../core/train/session';
import { WINDOW_CLOSED, type HostToTrainer, type TrainerToHost } from '../protocol/trainerMessages';

/** The two transports a trainer can be started on, behind one shape. */
interface HostPort {
  send(message: TrainerToHost): void;
  onMessage(handler: (message: HostToTrainer) => void): void;
  /** The host went away without a word (window reload, close or crash). */
  onHostGone(handler: () => void): void;
  /** Lets the trainer exit once its work is done. */
  close(): void;
}

function connectToHost(): HostPort {
  const port = parentPort;
  if (port) {
    return {
      send: (message) => port.postMessage(message), onMessage: (handler) => port.on('message', handler),
      // A worker thread ends with its host's process: there is no going away to notice.
      onHostGone: () => undefined,
      close: () => port.close(),
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    /** Set when the trainer itself ends the channel, its work done: that disconnect is no host going away. */
    let closing = false;
    return {
      // Once the host is gone, events have no reader (the run's files record them). The channel can
      // break before 'disconnect' fires: a send then fails with EPIPE, which without a callback is
      // an 'error' event that kills the trainer before it writes its checkpoint and status.
      send: (message) => { if (process.connected) send(message, undefined, undefined, () => undefined); },
      onMessage: (handler) => process.on('message', (message) => handler(message as HostToTrainer)),
      onHostGone: (handler) => process.once('disconnect', () => {
        if (closing) return;
        // Its pipes went with it: a warning written now must not kill the trainer before its checkpoint.
        for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
        handler();
      }),
      close: () => {
        closing = true;
        if (process.connected) process.disconnect();
      },
    };
  }
  throw new Error('the GAN Studio trainer runs as a worker thread or a forked process, started by the extension');
}

/**
 * Does one job for the extension: a training session (then pause/resume/stop, reporting every
 * session event), a generator export or an evaluation. TF.js runs here, never on the extension host's thread.
 */
function serve(host: HostPort): void {
  let session: TrainingSession | undefined;
  let stopEarly: { interruption?: string } | undefined;
  // As when the window closes with the host still there (RunManager stops its trainers so): the
  // run ends at the next step boundary with a checkpoint, interrupted, and resumes from there.
  host.onHostGone(() => {
    stopEarly = { interruption: WINDOW_CLOSED };
    session?.stop(WINDOW_CLOSED);
  });
  host.onMessage((message) => {
    switch (message.type) {
      case 'train':
        if (!session) void run(message.options);
        return;
      case 'export':
        return void runJob(async () => {
          const { runDir, outDir, backend, nativeSearchDirs } = message.request;
          return { type: 'exported', ...await exportRun(runDir, outDir, backend, nativeSearchDirs) };
        });
      case 'evaluate':
        return void runJob(async () => ({ type: 'evaluated', record: await evaluateRun({ ...message.request, record: true }) }));
      case 'encode':
        return void runJob(async () => ({ type: 'encoded', ...await encodeToFile(message.request) }));
      case 'translate':
        return void runJob(async () => ({ type: 'translated', ...await translateRun(message.request) }));
      case 'pause':
        return session?.pause();
      case 'resume':
        return session?.resume();
      case 'advance':
        return session?.advance(message.steps);
      case 'pace':
        return session?.pace(message.stepsPerSecond);
      case 'tune':
        // The dashboard offers only the run's own players and weights; a refusal means a stale panel, said in the log.
        return void session?.tune(message.change).then((refusal) => {
          if (refusal !== undefined) console.warn(`live change refused: ${refusal}`);
        }, (error: unknown) => console.warn(`live change not recorded: ${errorMessage(error)}`));
      case 'stop':
        stopEarly = message.interruption ? { interruption: message.interruption } : {};
        return session?.stop(message.interruption);
    }
  });

  async function run(options: Extract<HostToTrainer, { type: 'train' }>['options']): Promise<void> {
    try {
      session = await TrainingSession.create(options);
      session.on((event) => host.send({ type: 'event', event }));
      if (stopEarly) session.stop(stopEarly.interruption);
      const info = await session.run();
      host.send({ type: 'finished', info });
    } catch (error) {
      host.send({ type: 'error', message: errorMessage(error), userError: isUserError(error) });
    } finally {
      session?.dispose();
      host.close();
    }
  }

  /** A one-shot job (export, evaluate): its result or its error, then the trainer exits. */
  async function runJob(job: () => Promise<TrainerToHost>): Promise<void> {
    try {
      host.send(await job());
    } catch (error) {
      host.send({ type: 'error', message: errorMessage(error), userError: isUserError(error) });
    } finally {
      host.close();
    }
  }
}

serve(connectToHost());
