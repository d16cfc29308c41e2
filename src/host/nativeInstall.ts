import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nativeProbeEnv } from '../core/backend/nativeProbe';
import { installableBackends } from './installableBackends';
import type { InstallableBackend, InstallVerdict } from './installableBackends';
import { NativeInstallError } from './nativeInstallFailure';
import type { InstallPhase } from './nativeInstallFailure';
import { runStreamed } from './nativeInstallProcess';
import type { StreamedRun, StreamedRunOptions } from './nativeInstallProcess';

export { NativeInstallError, describeInstallFailure } from './nativeInstallFailure';
export type { InstallPhase } from './nativeInstallFailure';
export { installableBackends, nativeTfjsVersion } from './installableBackends';
export type { InstallableBackend } from './installableBackends';

/** What npm installs, and the name the load check then resolves (a tarball path does not say it). */
export interface NativePackageSpec {
  /** Defaults to the backend's package name: a stand-in under another name gives its own. */
  readonly name?: string;
  /** Anything `npm install` accepts: `name@version`, an absolute tarball path, a URL. */
  readonly spec: string;
}

export interface NativeInstallOptions {
  readonly backend: InstallableBackend;
  /** The extension's global storage folder; the package goes into `nativeInstallDir(storageDir)`. */
  readonly storageDir: string;
  /** Defaults to the backend's package at its version in `installableBackends`. */
  readonly packageSpec?: NativePackageSpec;
  readonly npmCommand?: string;
  /** Receives npm's and the load check's output, line by line, as it arrives. */
  readonly log: (line: string) => void;
  /** Aborting kills the running step and rejects with the AbortError. */
  readonly signal?: AbortSignal;
}

export interface NativeInstall {
  /** The installed package's root folder, inside the install folder. */
  readonly packageDir: string;
  readonly version: string;
  /** What the load check found, as the user is told it. */
  readonly verdict: InstallVerdict;
}

/** `npm install`'s argument for a backend's own package, from the table. */
export function defaultPackageSpec(backend: InstallableBackend): Required<NativePackageSpec> {
  const { name, version } = installableBackends[backend];
  return { name, spec: `${name}@${version}` };
}

/** The folder npm installs into (`--prefix`), and the search folder to give `loadNative`. */
export function nativeInstallDir(storageDir: string): string {
  return path.join(storageDir, 'native');
}

/** Where the backend's package resolves from the install folder, without loading it; undefined if absent. */
export function isNativeInstalled(backend: InstallableBackend, storageDir: string): string | undefined {
  return resolveFrom(nativeInstallDir(storageDir), installableBackends[backend].name);
}

/**
 * Installs a native backend with npm, then loads it in a separate Node process: a GPU build installs
 * fine without CUDA and cuDNN and only fails when loaded, and a failed load must not take the
 * extension host down with it. Throws NativeInstallError with a specific message on any failure;
 * a package that loads but finds no GPU here (Dawn without a Vulkan driver) is installed, and its
 * verdict says so.
 */
export async function installNativeBackend(options: NativeInstallOptions): Promise<NativeInstall> {
  const { backend, log, signal } = options;
  const installDir = nativeInstallDir(options.storageDir);
  const installable = installableBackends[backend];
  const target = { ...defaultPackageSpec(backend), ...options.packageSpec };
  const fail = (phase: InstallPhase, output: string, packageDir?: string) => new NativeInstallError(backend, phase, output, packageDir);

  try {
    createInstallRoot(installDir);
  } catch (error) {
    throw fail('npm', `cannot prepare ${installDir}: ${describeError(error)}`);
  }

  const npm = await runStep(options.npmCommand ?? 'npm', npmInstallArgs(installDir, target.spec), 'spawn', fail, {
    // npm 6 refuses install scripts as root without it; later versions ignore it.
    env: { ...process.env, npm_config_unsafe_perm: 'true' },
    shell: process.platform === 'win32',
    log,
    ...(signal ? { signal } : {}),
  });
  if (npm.exitCode !== 0) throw fail('npm', withExitStatus('npm', npm));

  const resolved = resolveFrom(installDir, target.name);
  if (!resolved) throw fail('load', `npm finished, but ${target.name} does not resolve from ${installDir}`);
  const packageDir = packageRoot(resolved, target.name);
  if (!packageDir) throw fail('load', `${resolved} is not inside a package named ${target.name}`);
  // The backend's load check (for the natives, the same probe as `gan-studio doctor`), streamed to
  // the log; its error output is what describeInstallFailure reads.
  const probe = ['-e', installable.loadCheck, resolved];
  const load = await runStep(process.execPath, probe, 'load', fail, { env: nativeProbeEnv(), shell: false, log, ...(signal ? { signal } : {}) });
  if (load.exitCode !== 0) throw fail('load', withExitStatus('the load check', load), packageDir);
  const version = readManifest(packageDir).version ?? 'unknown';
  const verdict = installable.verdict(load.lastStdoutLine, `${target.name} ${version}`);
  if (!verdict) throw fail('load', `${load.output}\nthe load check exited without printing its result`, packageDir);

  return { packageDir, version, verdict };
}

/** `--save` (not `--no-save`): npm prunes unlisted packages, so the second backend would remove the first. */
function npmInstallArgs(installDir: string, spec: string): string[] {
  // --foreground-scripts streams the install script's libtensorflow download to the log as it happens.
  return ['install', '--prefix', installDir, '--no-audit', '--no-fund', '--save-exact', '--foreground-scripts', spec];
}

async function runStep(
  command: string,
  args: readonly string[],
  phaseIfNotStarted: InstallPhase,
  fail: (phase: InstallPhase, output: string) => NativeInstallError,
  options: StreamedRunOptions,
): Promise<StreamedRun> {
  try {
    return await runStreamed(command, args, options);
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw fail(phaseIfNotStarted, `${command}: ${describeError(error)}`);
  }
}

/** Our own package.json, so npm installs here instead of walking up to some enclosing project. */
function createInstallRoot(installDir: string): void {
  fs.mkdirSync(installDir, { recursive: true });
  const manifest = path.join(installDir, 'package.json');
  if (fs.existsSync(manifest)) return;
  const content = { name: 'gan-studio-native-backends', private: true, description: 'Native TF.js backends installed by GAN Studio' };
  fs.writeFileSync(manifest, `${JSON.stringify(content, null, 2)}\n`);
}

function resolveFrom(dir: string, packageName: string): string | undefined {
  try {
    return createRequire(path.join(dir, 'noop.js')).resolve(packageName);
  } catch {
    return undefined;
  }
}

/** Walks up from the resolved entry file to the folder whose package.json names the package. */
function packageRoot(resolvedFile: string, packageName: string): string | undefined {
  for (let dir = path.dirname(resolvedFile); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && readManifest(dir).name === packageName) return dir;
  }
  return undefined;
}

function readManifest(packageDir: string): { name?: string; version?: string } {
  return JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name?: string; version?: string };
}

function withExitStatus(what: string, run: StreamedRun): string {
  const status = run.killedBy ? `was killed by ${run.killedBy}` : `exited with code ${run.exitCode}`;
  return `${run.output}\n${what} ${status}`;
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
