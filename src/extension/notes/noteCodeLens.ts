import * as vscode from 'vscode';
import { runOfBlock } from '../../host/notes/blockRuns';
import { blockTarget, findGanBlocks } from '../../host/notes/ganBlocks';
import type { RunsModel } from '../runsModel';
import { RunsCodeLens } from '../runsCodeLens';
import type { BlockArgument } from './noteTargets';

/** Above each gan block of a note: ▶ Train (or Stop while its run trains), Open Dashboard, Insert Snapshot. */
export class NoteCodeLens extends RunsCodeLens {
  constructor(model: RunsModel) {
    // Lenses depend on which runs exist and which train, not on every step.
    super(model, (run) => `${run.dir}:${run.live}:${run.sampleStep !== undefined}`);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'file') return [];
    return findGanBlocks(document.getText()).flatMap((block) => {
      const target = blockTarget(block);
      const run = runOfBlock(block, target, document.uri.fsPath, this.model.runs);
      const range = new vscode.Range(block.fenceLine, 0, block.fenceLine, 0);
      const argument: BlockArgument = { note: document.uri.toString(), block: block.index };
      const lens = (title: string, command: string, args: unknown, tooltip: string) => new vscode.CodeLens(range, { title, command, arguments: [args], tooltip });
      const lenses: vscode.CodeLens[] = [];
      if (run?.live) lenses.push(lens('$(debug-stop) Stop', 'ganStudio.stopRun', run.dir, `Stop ${run.runId}`));
      else if (target.kind !== 'run' && vscode.workspace.isTrusted) lenses.push(lens('$(play) Train', 'ganStudio.trainNoteBlock', argument, 'Train this block'));
      if (run) lenses.push(lens('Open Dashboard', 'ganStudio.openDashboard', run.dir, run.runId));
      if (run?.sampleStep !== undefined) lenses.push(lens('Insert Snapshot', 'ganStudio.insertSnapshot', argument, 'Copy the latest grid next to the note and link it under this block'));
      return lenses;
    });
  }
}
