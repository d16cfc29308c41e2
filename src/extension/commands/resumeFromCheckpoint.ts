import * as vscode from 'vscode';
import * as path from 'node:path';
import { readStoredConfig } from '../../core/run/runReader';
import { ensureTrusted } from '../trust';
import type { CommandFactory } from './command';
import { resolveRun } from './runTarget';
import { startTraining } from './startTraining';

/**
 * Continues a run from its latest checkpoint in a new trainer. A completed run trains further:
 * the user gives the new total.
 */
export const resumeFromCheckpoint: CommandFactory = (services) => ({
  id: 'ganStudio.resumeFromCheckpoint',
  async execute(arg?: unknown) {
    if (!await ensureTrusted('resume training')) return;
    const run = await resolveRun(services.runs, arg, (candidate) => !candidate.live && candidate.checkpointStep !== undefined, 'resume from its checkpoint');
    if (!run) return;
    let steps: number | undefined;
    if (run.step >= run.totalSteps) {
      const answer = await vscode.window.showInputBox({
        title: `Train ${run.runId} further`, prompt: `It completed ${run.totalSteps} steps. Train to how many steps in total?`,
        value: String(run.totalSteps * 2),
        validateInput: (text) => /^\d+$/.test(text.trim()) && Number(text) > run.step ? undefined : `a whole number above ${run.step}`,
      });
      if (answer === undefined) return;
      steps = Number(answer.trim());
    }
    const stored = await readStoredConfig(run.dir);
    await startTraining(services, {
      kind: 'resume', runsDir: path.dirname(run.dir), runDir: run.dir, backend: stored.config.backend, ...(steps !== undefined ? { steps } : {}),
    });
  },
});
