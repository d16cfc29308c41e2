import type { z } from 'zod';
import { formatPath } from './errors';

/** Problems named in one message: data broken in many places needs only the first few to be recognised, and the log stays short. */
const SHOWN_ISSUES = 3;

/**
 * Why data from outside (a run file, a message from a webview or a trainer) failed its schema:
 * each field and what was wrong with it, e.g. `lastSample.step: Invalid input: expected number…`.
 */
export function describeSchemaIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map((issue) => {
    const field = formatPath(issue.path.filter((key): key is string | number => typeof key !== 'symbol'));
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  const more = issues.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; …and ${more} more` : ''}`;
}
