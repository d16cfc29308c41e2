import * as vscode from 'vscode';
import * as path from 'node:path';
import { formatIssues } from '../../core/errors';
import type { NoteOrigin } from '../../core/run/records';
import type { StartRequest } from '../../host/runManager';
import { runsDirOf } from '../../host/settings';
import type { Services } from '../services';

/**
 * Starts a trainer and, once it reports its run folder, opens that run's panel beside the editor.
 * Rejects with a UserError (shown by the command) when the run is held by another trainer.
 */
export async function startTraining(services: Services, request: StartRequest): Promise<void> {
  const run = await services.manager.start(request);
  const subscription = services.manager.on((event) => {
    if (event.run !== run) return;
    if (event.type === 'event' && event.event.type === 'started') void services.dashboards.open(event.event.runDir);
    if (event.type === 'ended' || (event.type === 'event' && event.event.type === 'started')) subscription.dispose();
  });
}

export interface ConfigSource {
  readonly text: string;
  /** Data paths resolve against this file's folder; it is recorded as the run's config file. */
  readonly file: string;
  /** The document the text is in (a config file, or the note holding a gan block). */
  readonly document: vscode.TextDocument;
  /** Lines above the text in its document (a block in a note). */
  readonly lineOffset?: number;
  readonly note?: NoteOrigin;
}

/**
 * Validates a config and trains it; problems go to the log and a message naming the first one
 * (its place in the document, which also shows them under Problems).
 */
export async function trainConfigText(services: Services, source: ConfigSource): Promise<void> {
  // The validator (zod, yaml) loads on first use, not with the extension: activation stays quick.
  const { parseConfigText } = await import('../../core/config/parse');
  const shownFile = source.document.uri.fsPath;
  const parsed = parseConfigText(source.text, {
    file: source.file, ...(source.lineOffset !== undefined ? { format: 'yaml' as const, lineOffset: source.lineOffset } : {}),
  });
  if (!parsed.ok) {
    services.log.channel.error(formatIssues(parsed.issues, shownFile));
    const first = parsed.issues[0];
    const more = parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more)` : '';
    const choice = await vscode.window.showErrorMessage(
      `GAN Studio: ${path.basename(shownFile)} cannot be trained: ${formatIssues(first ? [first] : [], path.basename(shownFile))}${more}`,
      'Show Problems', 'Open');
    if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice === 'Open') await vscode.window.showTextDocument(source.document);
    return;
  }
  const uri = source.document.uri;
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.dirname(uri.fsPath);
  await startTraining(services, {
    kind: 'config', runsDir: runsDirOf(services.settings.current, folder), config: parsed.config, hash: parsed.hash, file: source.file,
    ...(source.note ? { note: source.note } : {}),
  });
}
