import * as vscode from 'vscode';
import * as path from 'node:path';
import { formatIssues } from '../../core/errors';
import { isConfigFile } from '../../host/configFiles';
import { runsDirOf } from '../../host/settings';
import { ensureTrusted } from '../trust';
import type { CommandFactory } from './command';
import { startTraining } from './startTraining';

/** Trains a config: the one given (explorer, CodeLens, editor title), the active editor's, or one picked from the workspace. */
export const trainConfig: CommandFactory = (services) => ({
  id: 'ganStudio.trainConfig',
  async execute(arg?: unknown) {
    if (!await ensureTrusted('train')) return;
    const uri = arg instanceof vscode.Uri ? arg : activeConfig() ?? await pickConfig();
    if (!uri) return;
    const document = await vscode.workspace.openTextDocument(uri);
    // Train what the user sees: unsaved edits are saved first, as a run button would.
    if (document.isDirty) await document.save();
    const file = uri.fsPath;
    // The validator (zod, yaml) loads on first use, not with the extension: activation stays quick.
    const { parseConfigText } = await import('../../core/config/parse');
    const parsed = parseConfigText(document.getText(), { file });
    if (!parsed.ok) {
      services.log.channel.error(formatIssues(parsed.issues, file));
      const first = parsed.issues[0];
      const more = parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more)` : '';
      const choice = await vscode.window.showErrorMessage(
        `GAN Studio: ${path.basename(file)} cannot be trained: ${formatIssues(first ? [first] : [], path.basename(file))}${more}`,
        'Show Problems', 'Open Config');
      if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
      if (choice === 'Open Config') await vscode.window.showTextDocument(document);
      return;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.dirname(file);
    startTraining(services, {
      kind: 'config', runsDir: runsDirOf(services.settings.current, folder), config: parsed.config, hash: parsed.hash, file,
    });
  },
});

function activeConfig(): vscode.Uri | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri && uri.scheme === 'file' && isConfigFile(uri.path) ? uri : undefined;
}

async function pickConfig(): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles('**/*.gan.{yaml,yml,json}', '**/node_modules/**');
  if (!files.length) {
    const choice = await vscode.window.showInformationMessage('GAN Studio: this workspace has no *.gan.yaml or *.gan.json config.', 'New Config from Template');
    if (choice) await vscode.commands.executeCommand('ganStudio.newConfigFromTemplate');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(files.sort((a, b) => a.fsPath.localeCompare(b.fsPath)).map((uri) => ({
    label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri), uri,
  })), { placeHolder: 'Config to train' });
  return picked?.uri;
}
