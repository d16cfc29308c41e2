import * as vscode from 'vscode';
import { DisposableOwner } from '../core/util/disposable';
import { isConfigFile } from '../host/configFiles';
import type { RunView } from '../host/runView';

const DEBOUNCE_MS = 300;

/**
 * Problems for open config files and for the gan blocks of markdown notes, from the engine's own
 * validator (the same one training uses), whatever other extensions are installed; updated as
 * the user types, debounced.
 */
export class ConfigDiagnostics extends DisposableOwner {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('gan-studio'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly runs: () => readonly RunView[]) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((document) => void this.validate(document)));
    this.register(vscode.workspace.onDidChangeTextDocument(({ document }) => this.schedule(document)));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => {
      this.cancel(document.uri);
      this.collection.delete(document.uri);
    }));
    this.register({ dispose: () => [...this.timers.values()].forEach((timer) => clearTimeout(timer)) });
    vscode.workspace.textDocuments.forEach((document) => void this.validate(document));
  }

  private schedule(document: vscode.TextDocument): void {
    if (!checked(document)) return;
    this.cancel(document.uri);
    this.timers.set(document.uri.toString(), setTimeout(() => void this.validate(document), DEBOUNCE_MS));
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private async validate(document: vscode.TextDocument): Promise<void> {
    if (!checked(document) || document.isClosed) return;
    this.timers.delete(document.uri.toString());
    // The validator (zod, yaml) loads with the first config checked, after activation.
    const [{ configDiagnostics }, { noteDiagnostics }] = await Promise.all([import('../host/configDiagnostics'), import('../host/notes/noteDiagnostics')]);
    if (document.isClosed) return;
    const found = isConfigFile(document.uri.path)
      ? configDiagnostics(document.getText(), { file: document.uri.path })
      : noteDiagnostics(document.getText(), document.uri.fsPath, this.runs());
    this.collection.set(document.uri, found.map((problem) => {
      const range = new vscode.Range(problem.startLine, problem.startCharacter, problem.endLine, problem.endCharacter);
      const severity = problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
      const diagnostic = new vscode.Diagnostic(range, problem.message, severity);
      diagnostic.source = 'GAN Studio';
      if (problem.field) diagnostic.code = problem.field;
      return diagnostic;
    }));
  }
}

/** Config files, and markdown notes saved as files (their gan blocks). */
function checked(document: vscode.TextDocument): boolean {
  return isConfigFile(document.uri.path) || (document.languageId === 'markdown' && document.uri.scheme === 'file');
}
