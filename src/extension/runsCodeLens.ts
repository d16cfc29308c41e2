import * as vscode from 'vscode';
import { DisposableOwner } from '../core/util/disposable';
import type { RunView } from '../host/runView';
import type { RunsModel } from './runsModel';

/**
 * A CodeLens provider whose lenses depend on the runs: it asks VS Code for new lenses only when
 * the part of the runs it shows (`shape`) changes, not on every step, and when trust is granted
 * (Train appears then).
 */
export abstract class RunsCodeLens extends DisposableOwner implements vscode.CodeLensProvider {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(protected readonly model: RunsModel, shape: (run: RunView) => string) {
    super();
    let last = '';
    this.register(model.onDidChange(() => {
      const now = model.runs.map(shape).join('|');
      if (now !== last) this.changed.fire();
      last = now;
    }));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()));
  }

  abstract provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[];
}
