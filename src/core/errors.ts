/**
 * Errors a person can fix (a bad config, a missing file). The CLI prints `message` alone and exits
 * with code 2; anything else is a failure of ours and exits 1.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(message: string, readonly file?: string) {
    super(message);
  }
}

/**
 * A data file a config names that cannot be used as it is (not a regular file, over a size limit, a
 * header that lies): the message starts with the config field that named it, then the file.
 */
export class DataError extends UserError {
  constructor(readonly field: string, file: string, problem: string) {
    super(`${field}: ${file} ${problem}`, file);
  }
}

/** One problem in a config, located as precisely as the source allows. */
export interface ConfigIssue {
  /** Field path, e.g. ["training", "batchSize"]. Empty for the document itself. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** 1-based line and column of the offending value, when the source text is known. */
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** What fixes the issue by replacing the range above: an editor's quick fix. */
  readonly fix?: TextFix;
}

/** A misspelt name's likely intent, and how to write it in place of the misspelling (quoted as that was). */
export interface TextFix {
  readonly name: string;
  readonly text: string;
}

export class ConfigError extends UserError {
  constructor(readonly issues: readonly ConfigIssue[], file?: string) {
    super(formatIssues(issues, file), file);
  }
}

/** Field names as messages show them: a hostile config's 500 KB key must not make a 500 KB message. */
const MAX_SHOWN_NAME = 40;

/** `text` cut to `max` characters, the cut marked with an ellipsis. */
export function cutShort(text: string, max = MAX_SHOWN_NAME): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) =>
    typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${cutShort(key)}` : cutShort(key), '');
}

export function formatIssues(issues: readonly ConfigIssue[], file?: string): string {
  return issues.map((issue) => {
    const where = [file ?? '<config>', issue.line, issue.column].filter((part) => part !== undefined).join(':');
    const field = issue.path.length ? `${formatPath(issue.path)}: ` : '';
    return `${where}: ${field}${issue.message}`;
  }).join('\n');
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
