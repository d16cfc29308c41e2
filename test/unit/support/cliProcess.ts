import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The shipped bundle, run as a real process: signals, exit codes, stdio and memory as a user sees them.
const root = path.resolve(__dirname, '..', '..', '..');
export const cliBundle = path.join(root, 'dist', 'cli.js');

/** Builds the bundle if it is missing (use as a `before` hook). */
export function ensureCliBundle(): void {
  if (!fs.existsSync(cliBundle)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The child's peak resident memory in KiB, as it reported it on exit (undefined if it was killed). */
  readonly maxRssKiB?: number;
}

/** How the node process is launched besides the bundle: extra node flags (e.g. a `--require` preload) and environment. */
export interface Launch {
  readonly nodeArgs?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

const RSS_MARK = 'gan-studio-test-max-rss-kib';
// Preloaded into the child: on exit it reports its own peak RSS, which no parent-side API gives.
// The line is cut from `stderr` before the caller sees it.
const reportRss = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n${RSS_MARK} '+process.resourceUsage().maxRSS+'\\n'))`;

/**
 * Runs `node dist/cli.js …args`; `whileRunning` may signal the child as its output arrives. The
 * child is killed and the promise rejected after `timeoutMs`: a guard against hangs, not a benchmark.
 */
export function runCli(args: readonly string[], whileRunning?: (child: ReturnType<typeof spawn>, stdout: () => string) => void, timeoutMs = 15_000,
  launch: Launch = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', reportRss, ...launch.nodeArgs ?? [], cliBundle, ...args], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...launch.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`gan-studio ${args.join(' ')} took over ${timeoutMs} ms\nstdout: ${stdout.slice(0, 4000)}\nstderr: ${stderr.slice(0, 4000)}`));
    }, timeoutMs);
    whileRunning?.(child, () => stdout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const mark = new RegExp(`\\n${RSS_MARK} (\\d+)\\n$`).exec(stderr);
      resolve({
        code, signal, stdout,
        stderr: mark ? stderr.slice(0, mark.index) : stderr,
        ...(mark ? { maxRssKiB: Number(mark[1]) } : {}),
      });
    });
  });
}
