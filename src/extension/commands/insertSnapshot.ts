import * as vscode from 'vscode';
import * as path from 'node:path';
import { UserError } from '../../core/errors';
import { runOfBlock } from '../../host/notes/blockRuns';
import { copySnapshot, planSnapshot } from '../../host/notes/snapshot';
import type { RunView } from '../../host/runView';
import { isBlockArgument, noteEditor, resolveBlock } from '../notes/noteTargets';
import type { Services } from '../services';
import type { CommandFactory } from './command';
import { resolveRun } from './runTarget';

/**
 * Copies a run's sample grid next to the note (ganStudio.notes.snapshotFolder) and inserts its
 * image link with a caption: under the block (from a block's CodeLens), else at the cursor of the
 * note being edited (from the dashboard, with the step it shows, or the palette).
 */
export const insertSnapshot: CommandFactory = (services) => ({
  id: 'ganStudio.insertSnapshot',
  async execute(arg?: unknown) {
    if (isBlockArgument(arg)) {
      const { document, block, target } = await resolveBlock(arg);
      const run = runOfBlock(block, target, document.uri.fsPath, services.runs.runs);
      if (!run) throw new UserError(`gan block ${block.index + 1} has no run yet: train it first`);
      return insert(services, run, undefined, document, new vscode.Position(Math.min(block.endLine + 1, document.lineCount), 0));
    }
    const fromDashboard = typeof arg === 'object' && arg !== null && typeof (arg as { runDir?: unknown }).runDir === 'string'
      ? arg as { runDir: string; step?: unknown } : undefined;
    const run = await resolveRun(services.runs, fromDashboard?.runDir, (candidate) => candidate.sampleStep !== undefined, 'snapshot');
    if (!run) return;
    const editor = noteEditor();
    const step = typeof fromDashboard?.step === 'number' ? fromDashboard.step : undefined;
    return insert(services, run, step, editor.document, editor.selection.active);
  },
});

async function insert(services: Services, run: RunView, step: number | undefined, document: vscode.TextDocument, at: vscode.Position): Promise<void> {
  if (document.uri.scheme !== 'file') throw new UserError('save the note first: snapshots are copied next to it');
  const folder = vscode.workspace.getConfiguration('ganStudio', document.uri).get<string>('notes.snapshotFolder') ?? 'media';
  const plan = await planSnapshot({
    runDir: run.dir, runId: run.runId, noteFile: document.uri.fsPath, folder, now: new Date(), headline: run.headlineSpec, ...(step !== undefined ? { step } : {}),
  });
  await copySnapshot(plan);
  const edit = new vscode.WorkspaceEdit();
  // On a line of its own, with a blank line before, so it renders as an image paragraph.
  const before = at.character > 0 || (at.line > 0 && document.lineAt(at.line - 1).text.trim() !== '') ? '\n\n' : '';
  edit.insert(document.uri, at, `${before}${plan.markdown}`);
  if (!await vscode.workspace.applyEdit(edit)) throw new UserError(`could not insert the snapshot into ${path.basename(document.uri.fsPath)}: the note did not accept the edit`);
  services.log.channel.info(`[${run.runId}] snapshot of step ${plan.step} copied to ${path.relative(path.dirname(document.uri.fsPath), plan.target)}`);
  // Feedback where the user looks: the link scrolled into view in the note (the dashboard may have
  // the focus, beside it), and a short message that says what was inserted where.
  const line = at.line + (before ? 2 : 0);
  const inserted = new vscode.Range(line, 0, line, 0);
  for (const editor of vscode.window.visibleTextEditors) {
    if (editor.document === document) editor.revealRange(inserted, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  vscode.window.setStatusBarMessage(`$(check) Snapshot of ${run.name} at step ${plan.step} inserted into ${path.basename(document.uri.fsPath)}, line ${line + 1}`, 8000);
}
