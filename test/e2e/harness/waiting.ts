// Polling with a deadline, for conditions that playwright locators cannot express
// (text read from several elements, log files on disk).
import { sleep } from './processes';

export type TextMatcher = string | RegExp;

/** A string matches when it contains the text; a RegExp when it matches. */
export function matches(text: string, matcher: TextMatcher): boolean {
  return typeof matcher === 'string' ? text.includes(matcher) : matcher.test(text);
}

/**
 * Calls `probe` until it returns something other than undefined, or fails after
 * `timeoutMs` with `describe()` — which should say what was seen instead.
 */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; describe: () => Promise<string> | string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(await options.describe());
    await sleep(options.intervalMs ?? 200);
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
