import { UserError } from '../core/errors';
import type { ExportRequest } from '../protocol/trainerMessages';
import { openChannel, type TrainerTransport } from './channel';

export interface ExportResult {
  readonly files: readonly string[];
  /** The checkpoint step the exported weights come from. */
  readonly step: number;
}

/**
 * Exports a run's generator in a trainer (TF.js never loads in the extension host). Rejects with a
 * UserError for problems the user can fix (no checkpoint yet, unwritable folder).
 */
export function exportInTrainer(entry: string, transport: TrainerTransport, request: ExportRequest,
  log: (line: string) => void = () => undefined): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void) => { if (!settled) { settled = true; action(); } };
    const channel = openChannel(entry, transport, {
      message: (message) => {
        if (message.type === 'exported') settle(() => resolve({ files: message.files, step: message.step }));
        else if (message.type === 'error') settle(() => reject(message.userError ? new UserError(message.message) : new Error(message.message)));
      },
      log,
      exit: ({ reason }) => settle(() => reject(new Error(`the trainer ${reason} before the export finished`))),
    });
    channel.post({ type: 'export', request });
  });
}
