// Where the harness finds its tools and keeps its state. Everything it installs or writes
// lives under test/e2e/.work/ (git-ignored), so a run never touches the project's own
// node_modules, the user's home folder or the system temp folder.
import * as path from 'node:path';
import * as fs from 'node:fs';

export const E2E_DIR = path.resolve(__dirname, '..');
export const REPO_ROOT = path.resolve(E2E_DIR, '..', '..');
export const WORK_DIR = path.join(E2E_DIR, '.work');

/** test/e2e/setup.sh installs code-server, playwright-core and @vscode/vsce here. */
export const TOOLS_DIR = path.join(WORK_DIR, 'tools');
export const TOOLS_NODE_MODULES = path.join(TOOLS_DIR, 'node_modules');

/** Per-run state: code-server homes, user-data dirs, browser profiles, workspaces. */
export const RUNS_DIR = path.join(WORK_DIR, 'runs');
/** Screenshots and copied logs that a person may want to look at after a run. */
export const ARTIFACTS_DIR = path.join(WORK_DIR, 'artifacts');
/** Packaged .vsix files. */
export const VSIX_DIR = path.join(WORK_DIR, 'vsix');
/** TMPDIR for every tool the harness starts. */
export const TMP_DIR = path.join(WORK_DIR, 'tmp');

/** code-server's CLI entry; run with the current `node` so no shell wrapper is involved. */
export const CODE_SERVER_ENTRY = path.join(TOOLS_NODE_MODULES, 'code-server', 'out', 'node', 'entry.js');
export const VSCE_ENTRY = path.join(TOOLS_NODE_MODULES, '@vscode', 'vsce', 'vsce');

/** Debian's chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Fails with a hint instead of a bare ENOENT when setup.sh has not been run. */
export function requireInstalled(file: string): string {
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing: run test/e2e/setup.sh first`);
  }
  return file;
}

/** How many earlier folders of one label makeRunDir keeps (a browser profile is ~8 MB). */
const KEEP_RUNS = 5;

/**
 * A fresh folder under `parent`, named `<label>-<yyyymmdd-hhmmss>-<random>` so runs sort
 * by time and never collide. Kept short on purpose: code-server puts a Unix socket in its
 * user-data dir, and socket paths are limited to 107 bytes. Older folders of the same label beyond KEEP_RUNS are deleted,
 * so .work does not grow without bound but the last runs stay around for a post-mortem.
 */
export function makeRunDir(parent: string, label: string): string {
  fs.mkdirSync(parent, { recursive: true });
  const ownRuns = new RegExp(`^${label.replace(/[^A-Za-z0-9]/g, '\\$&')}-\\d{8}-\\d{6}-`);
  const earlier = fs.readdirSync(parent).filter((name) => ownRuns.test(name)).sort();
  for (const name of earlier.slice(0, Math.max(0, earlier.length - KEEP_RUNS))) {
    fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return fs.mkdtempSync(path.join(parent, `${label}-${stamp}-`));
}
