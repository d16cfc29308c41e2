import * as vscode from 'vscode';
import type { TextFix } from '../core/errors';

interface Fixable {
  readonly range: vscode.Range;
  readonly message: string;
  readonly fix: TextFix;
}

/**
 * Quick fixes (Ctrl+. and the light bulb) for GAN Studio's problems that know their fix — a
 * misspelt field or value's likely intent: one edit that writes the intended name over the
 * misspelling. VS Code hands providers copies of the diagnostics, so fixes are found again by range
 * and message, and only for the document version they were computed on: after an edit the ranges
 * may have moved, and the next check (300 ms later) brings fresh ones.
 */
export class ConfigQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  private readonly fixes = new Map<string, { readonly version: number; readonly fixable: readonly Fixable[] }>();

  /** The fixes of a document's current problems, replacing those it had. */
  remember(document: vscode.TextDocument, fixable: readonly Fixable[]): void {
    if (fixable.length) this.fixes.set(document.uri.toString(), { version: document.version, fixable });
    else this.forget(document.uri);
  }

  forget(uri: vscode.Uri): void {
    this.fixes.delete(uri.toString());
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const known = this.fixes.get(document.uri.toString());
    if (!known || known.version !== document.version) return [];
    return context.diagnostics.flatMap((diagnostic) => {
      const found = known.fixable.find((entry) => entry.range.isEqual(diagnostic.range) && entry.message === diagnostic.message);
      if (!found) return [];
      const action = new vscode.CodeAction(`Change to '${found.fix.name}'`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, found.fix.text);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      return [action];
    });
  }
}
