import * as vscode from 'vscode';
import * as path from 'node:path';
import { UserError } from '../../core/errors';
import type { RunView } from '../../host/runView';
import type { RunsModel } from '../runsModel';

/**
 * The run a command acts on: from a runs-view node, a run folder (string or Uri), or, from the
 * palette, a quick pick over the runs that `eligible` accepts (none when a single live run is
 * eligible). Undefined when the user cancels.
 */
export async function resolveRun(model: RunsModel, arg: unknown, eligible: (run: RunView) => boolean, purpose: string): Promise<RunView | undefined> {
  const dir = runDirOf(arg);
  if (dir) {
    const run = model.find(dir) ?? (await model.refresh(), model.find(dir));
    if (!run) throw new UserError(`${dir} is not a run in this workspace's runs directories`, dir);
    if (!eligible(run)) throw new UserError(`cannot ${purpose} ${run.runId}: it is ${run.status}${run.live ? ' in this window' : ''}`);
    return run;
  }
  const candidates = model.runs.filter(eligible);
  if (!candidates.length) {
    void vscode.window.showInformationMessage(`GAN Studio: there is no run to ${purpose}.`);
    return undefined;
  }
  // One live run is the obvious target of Stop or Pause; anything else the user picks.
  if (candidates.length === 1 && candidates[0]?.live) return candidates[0];
  const picked = await vscode.window.showQuickPick(candidates.map((run) => ({
    label: run.runId, description: `${run.status} ${run.step}/${run.totalSteps}`, detail: run.group, run,
  })), { placeHolder: `Run to ${purpose}`, matchOnDescription: true, matchOnDetail: true });
  return picked?.run;
}

function runDirOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return path.resolve(arg);
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'run') return (arg as { run: RunView }).run.dir;
  return undefined;
}
