import * as vscode from 'vscode';
import { settleRunsOfEndedWindows } from '../host/runDiscovery';
import type { RunsModel } from './runsModel';
import type { RunManager } from '../host/runManager';

const OFFERED_KEY = 'ganStudio.offeredResume';

/**
 * After a window reload: runs whose trainer went with the old window are marked interrupted and
 * offered for resume, once each (the offer is remembered per run and step).
 */
export async function offerToResumeInterruptedRuns(context: vscode.ExtensionContext, model: RunsModel, manager: RunManager): Promise<void> {
  await model.refresh();
  const interrupted = await settleRunsOfEndedWindows(model.runs, (dir) => manager.byDir(dir) !== undefined);
  const offered = new Set(context.workspaceState.get<string[]>(OFFERED_KEY, []));
  const fresh = interrupted.filter((run) => run.checkpointStep !== undefined && !offered.has(`${run.dir}@${run.step}`));
  if (!fresh.length) return;
  await context.workspaceState.update(OFFERED_KEY, [...offered, ...fresh.map((run) => `${run.dir}@${run.step}`)].slice(-200));
  await model.refresh();
  const [first] = fresh;
  const names = fresh.length === 1 && first ? `${first.runId} (step ${first.step}/${first.totalSteps}) was` : `${fresh.length} runs were`;
  const resume = fresh.length === 1 ? 'Resume' : 'Resume All';
  const choice = await vscode.window.showInformationMessage(
    `GAN Studio: ${names} interrupted when the window closed or reloaded. Resume from the last checkpoint?`, resume, 'Not Now');
  if (choice !== resume) return;
  for (const run of fresh) await vscode.commands.executeCommand('ganStudio.resumeFromCheckpoint', run.dir);
}
