import { parentPort } from 'node:worker_threads';
import { errorMessage, isUserError } from '../core/errors';
import { evaluateRun } from '../core/train/evaluateRun';
import { exportGenerator } from '../core/train/exportGenerator';
import { restoreGenerator } from '../core/train/restore';
import { TrainingSession } from '../core/train/session';
import type { HostToTrainer, TrainerToHost } from '../protocol/trainerMessages';

/** The two transports a trainer can be started on, behind one shape. */
interface HostPort {
  send(message: TrainerToHost): void;
  onMessage(handler: (message: HostToTrainer) => void): void;
  /** Lets the trainer exit once its work is done. */
  close(): void;
}

function connectToHost(): HostPort {
  const port = parentPort;
  if (port) {
    return { send: (message) => port.postMessage(message), onMessage: (handler) => port.on('message', handler), close: () => port.close() };
  }
  const send = process.send?.bind(process);
  if (send) {
    return {
      send: (message) => send(message),
      onMessage: (handler) => process.on('message', (message) => handler(message as HostToTrainer)),
      close: () => process.disconnect(),
    };
    // The host went away (window reload or close): end now. The run reads as interrupted (its
    // recorded pid is dead) and resumes from its last checkpoint, as with a worker thread.
    process.on('disconnect', () => process.exit(0));
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
  host.onMessage((message) => {
    switch (message.type) {
      case 'train':
        if (!session) void run(message.options);
        return;
      case 'export':
        return void runJob(async () => {
          const restored = await restoreGenerator(message.request.runDir, message.request.backend, message.request.nativeSearchDirs);
          try {
            return { type: 'exported', files: await exportGenerator(restored, message.request.outDir), step: restored.step };
          } finally {
            restored.dispose();
          }
        });
      case 'evaluate':
        return void runJob(async () => ({ type: 'evaluated', record: await evaluateRun({ ...message.request, record: true }) }));
      case 'pause':
        return session?.pause();
      case 'resume':
        return session?.resume();
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
