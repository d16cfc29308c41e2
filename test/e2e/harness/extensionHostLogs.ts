// Reading the log files code-server writes under <user-data-dir>/logs/<session>/.
// The extension host runs on the server, so its logs are on disk here: exthost*/
// remoteexthost.log (activation, errors thrown by extensions) and one folder per
// extension for its LogOutputChannels (createOutputChannel(name, { log: true })).
// The browser side's own logs live in IndexedDB and are not covered here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sleep } from './processes';
import { matches, pollUntil, type TextMatcher } from './waiting';

export interface LogFile {
  /** Path relative to <user-data-dir>/logs. */
  name: string;
  file: string;
  text: string;
}

export interface LogLine {
  name: string;
  line: string;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Every .log file under <user-data-dir>/logs. */
export function readAllLogs(userDataDir: string): LogFile[] {
  const root = path.join(userDataDir, 'logs');
  return listFiles(root)
    .filter((file) => file.endsWith('.log'))
    .map((file) => ({ name: path.relative(root, file), file, text: fs.readFileSync(file, 'utf8') }));
}

/** Log files written by the extension host (its own log and extensions' output channels). */
export function readExtensionHostLogs(userDataDir: string): LogFile[] {
  return readAllLogs(userDataDir).filter((log) => log.name.split(path.sep).some((part) => part.startsWith('exthost')));
}

/** Lines of the extension host logs that contain/match `matcher`. */
export function findInExtensionHostLogs(userDataDir: string, matcher: TextMatcher): LogLine[] {
  const found: LogLine[] = [];
  for (const log of readExtensionHostLogs(userDataDir)) {
    for (const line of log.text.split('\n')) if (matches(line, matcher)) found.push({ name: log.name, line });
  }
  return found;
}

/** Lines logged at error level, e.g. "Activating extension ... failed". */
export function extensionHostErrors(userDataDir: string): LogLine[] {
  return findInExtensionHostLogs(userDataDir, /\[error\]/);
}

/** Logs are flushed asynchronously; wait until a line shows up. Resolves with every matching line, at least one. */
export function waitForExtensionHostLog(userDataDir: string, matcher: TextMatcher, timeoutMs = 15_000): Promise<[LogLine, ...LogLine[]]> {
  return pollUntil(
    async (): Promise<[LogLine, ...LogLine[]] | undefined> => {
      const [first, ...rest] = findInExtensionHostLogs(userDataDir, matcher);
      return first === undefined ? undefined : [first, ...rest];
    },
    {
      timeoutMs,
      describe: () =>
        `no extension host log line matching ${String(matcher)}; files: ${readExtensionHostLogs(userDataDir)
          .map((log) => log.name)
          .join(', ')}`,
    },
  );
}

export interface ActivationResult {
  /** The "ExtensionService#_doActivateExtension <id>, ..." line. */
  started: LogLine;
  /** "Activating extension <id> failed ..." and the error lines that follow it, if any. */
  errors: LogLine[];
}

/**
 * Waits until the extension host has started activating `extensionId` ("publisher.name"),
 * then gives activate() `settleMs` to throw and returns any failure logged for it.
 * An activation that throws is logged as
 *   [error] Activating extension <id> failed due to an error:
 *   [error] Error: <message> + stack
 * so the lines right after the failure line are returned too.
 */
export async function waitForExtensionActivation(
  userDataDir: string,
  extensionId: string,
  options: { timeoutMs?: number; settleMs?: number } = {},
): Promise<ActivationResult> {
  const [started] = await waitForExtensionHostLog(
    userDataDir,
    `ExtensionService#_doActivateExtension ${extensionId},`,
    options.timeoutMs ?? 30_000,
  );
  await sleep(options.settleMs ?? 1_000);
  const errors: LogLine[] = [];
  for (const log of readExtensionHostLogs(userDataDir)) {
    const lines = log.text.split('\n');
    lines.forEach((line, index) => {
      if (!line.includes(`Activating extension ${extensionId} failed`)) return;
      errors.push({ name: log.name, line });
      // The error and its stack follow on lines without a timestamp, or as another [error].
      for (const next of lines.slice(index + 1, index + 12)) {
        if (/^\d{4}-\d\d-\d\d /.test(next) && !next.includes('[error]')) break;
        errors.push({ name: log.name, line: next });
      }
    });
  }
  return { started, errors };
}
