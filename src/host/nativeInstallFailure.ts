import { UserError } from '../core/errors';
import { installableBackends } from './installableBackends';
import type { InstallableBackend } from './installableBackends';

/** Where an install failed: starting npm, npm itself (with the package's install script), or loading the result. */
export type InstallPhase = 'npm' | 'load' | 'spawn';

/** A failed native install, with the output it was diagnosed from so the UI can offer the full log. */
export class NativeInstallError extends UserError {
  constructor(readonly backend: InstallableBackend, readonly phase: InstallPhase, readonly output: string, packageDir?: string) {
    super(describeInstallFailure(backend, output, phase, packageDir));
  }
}

const pureJsNote = 'The pure-JS backends (wasm, cpu) keep working.';

/**
 * Turns npm's or the load check's output into one actionable sentence or two, ending with the pure-JS
 * note. `packageDir`, once npm has installed the package, lets a load failure name its deps folder.
 */
export function describeInstallFailure(backend: InstallableBackend, output: string, phase: InstallPhase, packageDir?: string): string {
  return `${diagnose(backend, output, phase, packageDir)} ${pureJsNote}`;
}

// Checked in order: a libtensorflow download failure also mentions ENOTFOUND, so it must win over
// the generic network rule; disk and permission errors can surface during any of the others.
function diagnose(backend: InstallableBackend, output: string, phase: InstallPhase, packageDir: string | undefined): string {
  const { name: packageName, diagnoseLoad } = installableBackends[backend];
  if (npmMissing(output, phase)) {
    return `npm was not found on PATH, so ${packageName} cannot be installed. Install Node.js with npm ` +
      '(https://nodejs.org), check that `npm --version` works in a terminal, then restart VS Code and retry.';
  }
  if (phase === 'spawn') return `Could not start npm to install ${packageName}: ${tail(output)}.`;
  if (/\bENOSPC\b|no space left on device/i.test(output)) {
    return `The disk is full: installing ${packageName} failed with ENOSPC. The backends' packages unpack ` +
      'tens to hundreds of megabytes (TensorFlow\'s GPU build the most); free some space and retry.';
  }
  const permission = /\b(EACCES|EPERM)\b/.exec(output);
  if (permission) {
    const where = /^npm (?:error|ERR!) path (.+)$/m.exec(output)?.[1];
    return `Permission denied (${permission[1]}) writing ${where ?? 'the install folder'} while installing ${packageName}. ` +
      'Check that the folder is writable by you; on Windows a file in use (an antivirus scan, or a native ' +
      'backend this window already loaded) also causes this, so reload the window and retry.';
  }
  // A load failure reads as it does in a training error and in `gan-studio doctor`.
  const loadFailure = phase === 'load' ? diagnoseLoad?.(output, packageDir) : undefined;
  if (loadFailure) return loadFailure;
  if (phase === 'npm' && /libtensorflow/i.test(output)) {
    const reason = errorLine(output) ?? tail(output);
    return `${packageName} could not finish installing: the native package needs to download libtensorflow from ` +
      `storage.googleapis.com at install time, and that download failed (${reason}). Allow access to ` +
      'storage.googleapis.com (a proxy can be set with HTTPS_PROXY, a mirror with TFJS_NODE_CDN_STORAGE), then retry.';
  }
  const network = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET)\b|\bnetwork\b/i.exec(output);
  if (network) {
    const reason = /failed, reason: (.+)$/m.exec(output)?.[1] ?? network[1] ?? tail(output);
    const url = /request to (\S+) failed/.exec(output)?.[1];
    return `npm could not reach the package registry${url ? ` (${url})` : ''} to download ${packageName}: ${reason}. ` +
      'Check the network connection and npm\'s proxy and registry settings (`npm config get proxy`, ' +
      '`npm config get registry`), then retry.';
  }
  return phase === 'npm'
    ? `npm failed to install ${packageName}: ${tail(output)}.`
    : `${packageName} installed but failed to load in a test process: ${tail(output)}.`;
}

function npmMissing(output: string, phase: InstallPhase): boolean {
  // On Windows npm runs through cmd.exe, which starts fine and then cannot find npm itself.
  const notRecognised = /is not recognized as an internal or external command/.test(output);
  if (phase === 'spawn') return /\bENOENT\b/.test(output) || notRecognised;
  return phase === 'npm' && notRecognised && !/^npm (?:error|ERR!)/m.test(output);
}

function errorLine(output: string): string | undefined {
  return /^(?:npm (?:error|ERR!) )?\s*(?:\w*Error): (.+)$/m.exec(output)?.[1]?.trim();
}

/** The last few lines that say something, without npm's prefixes, warnings, stack frames and log pointer. */
function tail(output: string, count = 4): string {
  const meaningful = output.split(/\r?\n/)
    .filter((line) => !/^npm (?:warn|WARN|notice)\b/.test(line))
    .map((line) => line.replace(/^npm (?:error|ERR!)\s?/, '').trim())
    .filter((line) => line && !/^at |A complete log of this run|^Node\.js v\d/.test(line));
  return meaningful.slice(-count).join('; ') || 'no output';
}
