import * as vscode from 'vscode';

/**
 * Training reads the files a config names and runs native code; in a restricted workspace the
 * commands that do so explain why they are off and how to turn them on.
 */
export async function ensureTrusted(action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage(
    `GAN Studio cannot ${action} in Restricted Mode: training reads the data files a config names and may load ` +
    'native TensorFlow. Trust this workspace to enable it.', 'Manage Workspace Trust');
  if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
