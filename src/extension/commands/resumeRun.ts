import type { CommandFactory } from './command';
import * as vscode from 'vscode';
import { resolveRun } from './runTarget';

/** Resumes a paused run; a run no trainer holds any more continues from its last checkpoint. */
export const resumeRun: CommandFactory = (services) => ({
  id: 'ganStudio.resumeRun',
  async execute(arg?: unknown) {
    const run = await resolveRun(services.runs, arg,
      (candidate) => candidate.live ? candidate.status === 'paused' : candidate.checkpointStep !== undefined && candidate.status !== 'completed', 'resume');
    if (!run) return;
    const active = services.manager.byDir(run.dir);
    if (active) active.client.resume();
    else await vscode.commands.executeCommand('ganStudio.resumeFromCheckpoint', run.dir);
  },
});
