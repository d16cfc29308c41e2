import * as vscode from 'vscode';
import * as path from 'node:path';
import type { RunsModel } from './runsModel';
import { RunsCodeLens } from './runsCodeLens';

/** Config files, as a document selector (CodeLens and diagnostics use it). */
export const CONFIG_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/*.gan.{yaml,yml,json}' },
  { scheme: 'untitled', pattern: '**/*.gan.{yaml,yml,json}' },
];

/** "▶ Train" and "Open Dashboard" (its latest run) at the top of a config file. */
export class ConfigCodeLens extends RunsCodeLens {
  constructor(model: RunsModel) {
    // Only whether a config has a run matters here, not every step of it.
    super(model, (run) => `${run.configFile}>${run.dir}`);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses: vscode.CodeLens[] = [];
    if (vscode.workspace.isTrusted) {
      lenses.push(new vscode.CodeLens(top, { title: '$(play) Train', command: 'ganStudio.trainConfig', arguments: [document.uri], tooltip: 'Train this config' }));
    }
    const file = path.resolve(document.uri.fsPath);
    const latest = this.model.runs.find((run) => run.configFile && path.resolve(run.configFile) === file);
    if (latest) {
      lenses.push(new vscode.CodeLens(top, {
        title: 'Open Dashboard', command: 'ganStudio.openDashboard', arguments: [latest.dir], tooltip: `Latest run: ${latest.runId}`,
      }));
    }
    return lenses;
  }
}
