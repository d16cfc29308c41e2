import { parentPort } from 'node:worker_threads';
import { errorMessage, isUserError } from '../core/errors';
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
  }
  throw new Error('the GAN Studio trainer runs as a worker thread or a forked process, started by the extension');
}

/**
 * Hosts one training session for the extension: takes `start`, then pause/resume/stop, and
 * reports every session event. Training runs here, never on the extension host's thread.
 */
function serve(host: HostPort): void {
  let session: TrainingSession | undefined;
  let stopEarly = false;
  host.onMessage((message) => {
    switch (message.type) {
      case 'start':
        if (!session) void run(message.options);
        return;
      case 'pause':
        return session?.pause();
      case 'resume':
        return session?.resume();
      case 'stop':
        stopEarly = true;
        return session?.stop();
    }
  });

  async function run(options: Extract<HostToTrainer, { type: 'start' }>['options']): Promise<void> {
    try {
      session = await TrainingSession.create(options);
      session.on((event) => host.send({ type: 'event', event }));
      if (stopEarly) session.stop();
      const info = await session.run();
      host.send({ type: 'finished', info });
    } catch (error) {
      host.send({ type: 'error', message: errorMessage(error), userError: isUserError(error) });
    } finally {
      session?.dispose();
      host.close();
    }
  }
}

serve(connectToHost());
