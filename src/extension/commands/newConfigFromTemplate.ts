import * as vscode from 'vscode';
import * as path from 'node:path';
import type { CommandFactory } from './command';

/** Writes a built-in example, renamed, into the workspace (or an explorer folder) and opens it. */
export const newConfigFromTemplate: CommandFactory = (services) => ({
  id: 'ganStudio.newConfigFromTemplate',
  async execute(arg?: unknown) {
    // Templates are validated with the config schema, loaded on first use (activation stays quick).
    const { checkConfigName, freeConfigPath, listTemplates, renderTemplate } = await import('../../host/templates');
    const templates = await listTemplates(services.context.asAbsolutePath('examples'));
    const picked = await vscode.window.showQuickPick(templates.map((template) => ({
      label: template.id, detail: template.description, template,
    })), { placeHolder: 'Template for the new config', matchOnDetail: true });
    if (!picked) return;
    const name = await vscode.window.showInputBox({
      title: 'New GAN config', prompt: 'Name of the experiment (runs are named after it)', value: picked.template.id,
      validateInput: (value) => checkConfigName(value.trim()),
    });
    if (name === undefined) return;
    const text = renderTemplate(picked.template, name.trim());
    const folder = await targetFolder(arg);
    if (!folder) {
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
      return vscode.window.showTextDocument(document);
    }
    const file = vscode.Uri.file(freeConfigPath(folder, name.trim()));
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    return vscode.window.showTextDocument(file);
  },
});

/** The explorer folder the command was run on, else the workspace folder (asking when there are several). */
async function targetFolder(arg: unknown): Promise<string | undefined> {
  if (arg instanceof vscode.Uri && arg.scheme === 'file') {
    const stat = await vscode.workspace.fs.stat(arg);
    return stat.type & vscode.FileType.Directory ? arg.fsPath : path.dirname(arg.fsPath);
  }
  const folders = vscode.workspace.workspaceFolders?.filter((folder) => folder.uri.scheme === 'file') ?? [];
  if (folders.length <= 1) return folders[0]?.uri.fsPath;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the new config' }))?.uri.fsPath;
}
