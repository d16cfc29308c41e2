import * as vscode from 'vscode';
import * as path from 'node:path';
import { isConfigFile } from '../../host/configFiles';
import { ensureTrusted } from '../trust';
import type { CommandFactory } from './command';
import { trainConfigText } from './startTraining';

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
    await trainConfigText(services, { text: document.getText(), file: uri.fsPath, document });
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
