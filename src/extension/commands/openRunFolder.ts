import * as vscode from 'vscode';
import type { CommandFactory } from './command';
import { resolveRun } from './runTarget';

/**
 * Shows a run's folder: in the OS file manager on a local desktop window; in the Explorer when the
 * files live elsewhere (Remote-SSH, browser) and the folder is in the workspace; else in a new window.
 */
export const openRunFolder: CommandFactory = (services) => ({
  id: 'ganStudio.openRunFolder',
  async execute(arg?: unknown) {
    const run = await resolveRun(services.runs, arg, () => true, 'show');
    if (!run) return;
    const uri = vscode.Uri.file(run.dir);
    const local = vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName;
    if (local) return vscode.commands.executeCommand('revealFileInOS', uri);
    if (vscode.workspace.getWorkspaceFolder(uri)) return vscode.commands.executeCommand('revealInExplorer', uri);
    return vscode.commands.executeCommand('vscode.openFolder', uri, { forceNewWindow: true });
  },
});
