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
}

export class ConfigError extends UserError {
  constructor(readonly issues: readonly ConfigIssue[], file?: string) {
    super(formatIssues(issues, file), file);
  }
}

export function formatPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) =>
    typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key, '');
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
