import { formatPath, type ConfigIssue, type TextFix } from '../core/errors';
import { parseConfigText, type ConfigFormat } from '../core/config/parse';

/** A Problems entry with 0-based positions, as vscode.Range wants them. */
export interface ConfigDiagnostic {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
  readonly message: string;
  /** The field path, e.g. `training.batchSize` (the diagnostic's code). */
  readonly field: string;
  /** Error unless said otherwise. */
  readonly severity?: 'warning';
  /** What replaces the range to fix it (a quick fix), when there is one. */
  readonly fix?: TextFix;
}

/** Validates a config's text with the engine's own validator and places each problem in it. */
export function configDiagnostics(text: string, options: { file?: string; format?: ConfigFormat; lineOffset?: number } = {}): ConfigDiagnostic[] {
  const result = parseConfigText(text, options);
  if (result.ok) return [];
  const lines = text.split('\n');
  return result.issues.map((issue) => toDiagnostic(issue, lines, options.lineOffset ?? 0));
}

/**
 * Issues carry 1-based line/column of the offending value; some (a document-level problem) carry
 * none, and a zero-width one would be invisible: those underline their whole line instead.
 */
function toDiagnostic(issue: ConfigIssue, lines: readonly string[], lineOffset: number): ConfigDiagnostic {
  const field = formatPath(issue.path);
  const message = field ? `${field}: ${issue.message}` : issue.message;
  const startLine = (issue.line ?? lineOffset + 1) - 1;
  const lineText = (line: number) => lines[line - lineOffset] ?? '';
  let startCharacter = (issue.column ?? 1) - 1;
  let endLine = (issue.endLine ?? issue.line ?? startLine + 1) - 1;
  let endCharacter = issue.endColumn !== undefined ? issue.endColumn - 1 : lineText(endLine).length;
  const widened = endLine < startLine || (endLine === startLine && endCharacter <= startCharacter);
  if (widened) {
    const text = lineText(startLine);
    endLine = startLine;
    startCharacter = Math.min(startCharacter, text.length - text.trimStart().length);
    endCharacter = Math.max(text.trimEnd().length, startCharacter + 1);
  }
  // A fix replaces exactly the issue's range; a widened (whole-line) range would be the wrong text to replace.
  const fix = issue.fix !== undefined && !widened ? { fix: issue.fix } : {};
  return { startLine, startCharacter, endLine, endCharacter, message, field, ...fix };
}
