// Starts the real VS Code workbench (code-server) for one workspace folder, with given
// .vsix files installed and given user settings, on 127.0.0.1 only.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_SERVER_ENTRY, RUNS_DIR, makeRunDir, requireInstalled } from './paths';
import { findFreePort, isolatedEnv, runNodeScript, sleep } from './processes';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface CodeServerOptions {
  /** Folder opened in the workbench. */
  workspaceFolder: string;
  /** Installed with `--install-extension` before the server starts. */
  vsixFiles?: readonly string[];
  /** Merged over DEFAULT_USER_SETTINGS into User/settings.json. */
  userSettings?: Record<string, JsonValue>;
  /** Keep Workspace Trust on (the default turns it off, so every folder is trusted). */
  workspaceTrust?: boolean;
  /** Names the run folder under .work/runs. */
  label?: string;
  startTimeoutMs?: number;
}

export interface CodeServerInstance {
  /** Opens the workbench on `workspaceFolder`. */
  url: string;
  port: number;
  /** Holds home/, user-data/, extensions/, config.yaml and code-server.log of this run. */
  runDir: string;
  homeDir: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's own stdout/stderr. */
  serverLogFile: string;
  stop(): Promise<void>;
}

/**
 * Settings that keep the workbench quiet and offline: no telemetry, no update or
 * gallery checks, no welcome page or walkthroughs, no workspace-trust dialog — each of
 * these either reaches outside hosts or opens something that covers what a test looks at.
 */
export const DEFAULT_USER_SETTINGS: Record<string, JsonValue> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'chat.commandCenter.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** Process groups of servers still running, killed if this process exits without stop(). */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => process.exit(130));
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Arguments every code-server invocation of a run shares, so the CLI and server agree. */
function commonArgs(configFile: string, userDataDir: string, extensionsDir: string): string[] {
  return ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

async function installExtensions(
  vsixFiles: readonly string[],
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<void> {
  for (const vsix of vsixFiles) {
    const result = await runNodeScript(
      CODE_SERVER_ENTRY,
      [...args, '--force', '--install-extension', path.resolve(vsix)],
      { cwd, env, timeoutMs: 120_000 },
    );
    // code-server exits 0 even for some failures, so also look for its success line.
    if (result.code !== 0 || !/successfully installed/i.test(result.stdout + result.stderr)) {
      throw new Error(`installing ${vsix} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
  }
}

async function waitUntilHealthy(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}); see ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${url}healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`code-server did not answer /healthz within ${timeoutMs} ms; see ${logFile}:\n${tail(logFile)}`);
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServerInstance> {
  requireInstalled(CODE_SERVER_ENTRY);
  const runDir = makeRunDir(RUNS_DIR, options.label ?? 'code-server');
  const homeDir = path.join(runDir, 'home');
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const configFile = path.join(runDir, 'config.yaml');
  // code-server listens on <user-data-dir>/code-server-ipc.sock; a longer path fails with
  // a confusing EADDRINUSE/ENAMETOOLONG, so say what is wrong up front.
  const socketPath = path.join(userDataDir, 'code-server-ipc.sock');
  if (Buffer.byteLength(socketPath) > 107) {
    throw new Error(`${socketPath} is longer than a Unix socket path may be; move the checkout to a shorter path`);
  }
  const serverLogFile = path.join(runDir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });

  const settings = { ...DEFAULT_USER_SETTINGS, ...options.userSettings };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const port = await findFreePort();
  // An explicit config file: without one code-server writes ~/.config/code-server/config.yaml
  // with a random password. Flags on the command line say the same, for readability.
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  // EXTENSIONS_GALLERY='{}' leaves the workbench without a marketplace, so nothing tries to
  // reach open-vsx.org (no internet here; every attempt would be a slow failure in the logs).
  const env = isolatedEnv(homeDir, { EXTENSIONS_GALLERY: '{}' });
  const args = commonArgs(configFile, userDataDir, extensionsDir);
  await installExtensions(options.vsixFiles ?? [], args, env, runDir);

  const logFd = fs.openSync(serverLogFile, 'a');
  // detached: the server becomes the leader of a new session and process group (what
  // `setsid` does), so stop() can signal the group — the server, its extension host and
  // pty host — without touching anything this process did not start.
  const child = spawn(
    process.execPath,
    [
      CODE_SERVER_ENTRY,
      ...args,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      options.workspaceFolder,
    ],
    { cwd: runDir, env, detached: true, stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('code-server did not start');
  installExitHook();
  liveGroups.add(pgid);

  const baseUrl = `http://127.0.0.1:${port}/`;
  const stop = async (): Promise<void> => {
    if (!liveGroups.has(pgid)) return;
    killGroup(pgid, 'SIGTERM');
    const deadline = Date.now() + 5_000;
    while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
    if (groupAlive(pgid)) killGroup(pgid, 'SIGKILL');
    liveGroups.delete(pgid);
  };

  try {
    await waitUntilHealthy(baseUrl, child, serverLogFile, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: `${baseUrl}?folder=${encodeURIComponent(path.resolve(options.workspaceFolder))}`,
    port,
    runDir,
    homeDir,
    userDataDir,
    extensionsDir,
    serverLogFile,
    stop,
  };
}
