import { UserError } from '../core/errors';
import type { HostToTrainer, TrainerToHost } from '../protocol/trainerMessages';
import { openChannel, type TrainerTransport } from './channel';

/**
 * Runs one export or evaluate job in a trainer (TF.js never loads in the extension host) and
 * resolves with what `result` picks from its reply. Rejects with a UserError for problems the user
 * can fix (no checkpoint yet, unwritable folder, data with nothing to measure).
 */
export function runOneShotJob<T>(entry: string, transport: TrainerTransport, job: HostToTrainer,
  result: (message: TrainerToHost) => T | undefined, log: (line: string) => void = () => undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void) => { if (!settled) { settled = true; action(); } };
    const channel = openChannel(entry, transport, {
      message: (message) => {
        if (message.type === 'error') {
          settle(() => reject(message.userError ? new UserError(message.message) : new Error(message.message)));
          return;
        }
        const value = result(message);
        if (value !== undefined) settle(() => resolve(value));
      },
      log,
      exit: ({ reason }) => settle(() => reject(new Error(`the trainer ${reason} before the ${job.type} job finished`))),
    });
    channel.post(job);
  });
}
