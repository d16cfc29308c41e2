import * as vscode from 'vscode';
import type { CommandFactory } from './command';
import { resolveRun } from './runTarget';

/** Deletes a run folder after a modal confirmation (to the trash where the file system has one). */
export const deleteRun: CommandFactory = (services) => ({
  id: 'ganStudio.deleteRun',
  async execute(arg?: unknown) {
    const run = await resolveRun(services.runs, arg, (candidate) => !candidate.live, 'delete');
    if (!run) return;
    const confirmed = await vscode.window.showWarningMessage(`Delete run ${run.runId}?`, {
      modal: true, detail: `${run.dir}\nIts metrics, samples and checkpoints (step ${run.step}) are removed.`,
    }, 'Delete');
    if (confirmed !== 'Delete') return;
    const uri = vscode.Uri.file(run.dir);
    try {
      await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: true });
    } catch {
      // No trash here (a remote or container file system): delete for good, as confirmed.
      await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false });
    }
    await services.runs.refresh();
  },
});
