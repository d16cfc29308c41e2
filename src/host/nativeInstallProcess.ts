import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface StreamedRunOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Needed on Windows, where npm is a .cmd script that Node will not start directly. */
  readonly shell: boolean;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
}

export interface StreamedRun {
  readonly exitCode: number | null;
  readonly killedBy: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they arrived, the last `keptLines` lines only. */
  readonly output: string;
  /** Where a load check prints its result: stderr may still be writing warnings after it. */
  readonly lastStdoutLine: string;
}

// Enough for any diagnosis; an install that prints more must not grow memory without bound.
const keptLines = 2000;

/**
 * Runs a command, handing each stdout and stderr line to `log` as it arrives. Resolves with the exit
 * status whatever it is; rejects only when the command cannot start or `signal` aborts it.
 */
export function runStreamed(command: string, args: readonly string[], options: StreamedRunOptions): Promise<StreamedRun> {
  return new Promise((resolve, reject) => {
    const child = options.shell
      ? spawn([command, ...args].map(quoteForCmd).join(' '), { env: options.env, shell: true, signal: options.signal, windowsHide: true })
      : spawn(command, args, { env: options.env, signal: options.signal, windowsHide: true });
    const lines: string[] = [];
    const keep = (line: string) => {
      options.log(line);
      lines.push(line);
      if (lines.length > keptLines) lines.shift();
    };
    let lastStdoutLine = '';
    splitLines(child.stdout, (line) => {
      keep(line);
      if (line.trim()) lastStdoutLine = line;
    });
    splitLines(child.stderr, keep);
    child.on('error', reject);
    child.on('close', (exitCode, killedBy) => resolve({ exitCode, killedBy, output: lines.join('\n'), lastStdoutLine }));
  });
}

function splitLines(stream: Readable, onLine: (line: string) => void): void {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (partial + chunk).split(/\r\n|\r|\n/);
    partial = parts.pop() ?? '';
    parts.forEach(onLine);
  });
  stream.on('end', () => {
    if (partial) onLine(partial);
  });
}

/** cmd.exe splits on spaces and interprets &, | and friends; double quotes keep a path with them whole. */
function quoteForCmd(arg: string): string {
  return /^[\w@+=:,./\\-]+$/.test(arg) ? arg : `"${arg.replace(/"/g, '""')}"`;
}
