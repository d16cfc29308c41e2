import * as vscode from 'vscode';
import { DisposableOwner } from '../core/util/disposable';
import { isConfigFile } from '../host/configFiles';
import type { BlockRun } from '../host/notes/blockRuns';
import type { RunView } from '../host/runView';
import { ConfigValidator } from '../host/validation/configValidator';
import { ConfigQuickFixes } from './configQuickFixes';

const DEBOUNCE_MS = 300;

/**
 * Problems for open config files and for the gan blocks of markdown notes, from the engine's own
 * validator (the same one training uses), whatever other extensions are installed; updated as
 * the user types, debounced. The checking runs in a worker (ConfigValidator): a workspace's file
 * can never hold the extension host's thread, in Restricted Mode included; an answer for a
 * version of the document that has since changed is dropped.
 */
export class ConfigDiagnostics extends DisposableOwner {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('gan-studio'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly validator: ConfigValidator;
  private readonly quickFixes = new ConfigQuickFixes();

  /** `validatorEntry`: the validator worker's bundle, dist/configValidator.js. */
  constructor(private readonly runs: () => readonly RunView[], validatorEntry: string) {
    super();
    this.validator = this.register(new ConfigValidator({ entry: validatorEntry }));
    this.register(vscode.languages.registerCodeActionsProvider(CHECKED_LANGUAGES, this.quickFixes, ConfigQuickFixes.metadata));
    this.register(vscode.workspace.onDidOpenTextDocument((document) => void this.validate(document)));
    this.register(vscode.workspace.onDidChangeTextDocument(({ document }) => this.schedule(document)));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => {
      this.cancel(document.uri);
      this.collection.delete(document.uri);
      this.quickFixes.forget(document.uri);
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
    const key = document.uri.toString();
    this.timers.delete(key);
    const version = document.version;
    const found = await this.validator.validate(key, isConfigFile(document.uri.path)
      ? { kind: 'config', text: document.getText(), file: document.uri.path }
      : { kind: 'note', text: document.getText(), file: document.uri.fsPath, runs: this.runs().map(blockRun) });
    if (!found || document.isClosed || document.version !== version) return;
    const diagnostics = found.map((problem) => {
      const range = new vscode.Range(problem.startLine, problem.startCharacter, problem.endLine, problem.endCharacter);
      const severity = problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
      const diagnostic = new vscode.Diagnostic(range, problem.message, severity);
      diagnostic.source = 'GAN Studio';
      if (problem.field) diagnostic.code = problem.field;
      return { diagnostic, fix: problem.fix };
    });
    this.collection.set(document.uri, diagnostics.map(({ diagnostic }) => diagnostic));
    this.quickFixes.remember(document, diagnostics.flatMap(({ diagnostic, fix }) => fix ? [{ range: diagnostic.range, message: diagnostic.message, fix }] : []));
  }
}

/** What the note checker needs of a run (all that is copied to its worker). */
function blockRun(run: RunView): BlockRun {
  return {
    runId: run.runId, name: run.name,
    ...(run.configFile !== undefined ? { configFile: run.configFile } : {}), ...(run.note ? { note: run.note } : {}),
  };
}

/** Where checked documents' languages are (config files are YAML or JSON): which documents may get quick fixes. */
const CHECKED_LANGUAGES: vscode.DocumentSelector = ['yaml', 'json', 'jsonc', 'markdown'].map((language) => ({ language }));

/** Config files, and markdown notes saved as files (their gan blocks). */
function checked(document: vscode.TextDocument): boolean {
  return isConfigFile(document.uri.path) || (document.languageId === 'markdown' && document.uri.scheme === 'file');
}
