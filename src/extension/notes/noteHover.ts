import * as vscode from 'vscode';
import { runOfBlock } from '../../host/notes/blockRuns';
import { blockTarget, findGanBlocks } from '../../host/notes/ganBlocks';
import { presentRun } from '../../host/runPresentation';
import { sampleGridFile } from '../../host/sampleGrid';
import type { RunsModel } from '../runsModel';

/** Hovering `run: <ref>` in a gan block shows that run's status and latest sample grid. */
export class NoteHover implements vscode.HoverProvider {
  constructor(private readonly model: RunsModel) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const block = findGanBlocks(document.getText()).find((candidate) => candidate.fenceLine < position.line && position.line < candidate.endLine);
    if (!block) return undefined;
    const target = blockTarget(block);
    if (target.kind !== 'run' || target.line !== position.line) return undefined;
    const run = runOfBlock(block, target, document.uri.fsPath, this.model.runs);
    const text = new vscode.MarkdownString();
    if (!run) {
      text.appendText(`No run "${target.ref}" yet.`);
      return new vscode.Hover(text);
    }
    const shown = presentRun(run);
    text.appendMarkdown('**').appendText(run.runId).appendMarkdown('**  \n').appendText(shown.description);
    const inWorkspace = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(run.dir)) !== undefined;
    const file = sampleGridFile(run);
    if (run.sampleStep !== undefined && file && inWorkspace) {
      const grid = vscode.Uri.file(file);
      text.appendMarkdown(`\n\n![samples at step ${run.sampleStep}](${grid.with({ query: `step=${run.sampleStep}` }).toString(true)}|width=256)`);
    }
    return new vscode.Hover(text);
  }
}
