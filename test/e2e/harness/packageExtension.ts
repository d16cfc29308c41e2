// Packages an extension folder into a .vsix with the vsce installed by setup.sh, offline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VSCE_ENTRY, VSIX_DIR, WORK_DIR, requireInstalled } from './paths';
import { isolatedEnv, runNodeScript } from './processes';

export interface PackageOptions {
  /** Where to write the .vsix; defaults to .work/vsix/<name>-<version>.vsix. */
  outFile?: string;
  /**
   * Let vsce run `npm list --production` and ship node_modules. Off by default: GAN Studio
   * bundles its code into dist/ and its .vscodeignore leaves node_modules out.
   */
  dependencies?: boolean;
}

interface ManifestFields {
  name: string;
  version: string;
}

function readManifest(extensionRoot: string): ManifestFields {
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error(`${extensionRoot}/package.json is not an object`);
  const { name, version } = raw as Record<string, unknown>;
  if (typeof name !== 'string' || typeof version !== 'string') {
    throw new Error(`${extensionRoot}/package.json needs string "name" and "version"`);
  }
  return { name, version };
}

/**
 * Runs `vsce package` on `extensionRoot` and returns the path of the .vsix.
 *
 * The flags make it work offline and without prompts (stdin is closed, so a prompt
 * would fail the run rather than hang it):
 *  --allow-missing-repository  no "repository" in package.json → no y/N prompt;
 *  --skip-license              no LICENSE file → no y/N prompt;
 *  --no-rewrite-relative-links without a repository vsce cannot turn README links
 *                              such as docs/x.md into absolute URLs and refuses to
 *                              package; a test build does not need them rewritten;
 *  --no-dependencies           (unless options.dependencies) skip `npm list`.
 */
export async function packageExtension(extensionRoot: string, options: PackageOptions = {}): Promise<string> {
  requireInstalled(VSCE_ENTRY);
  const root = path.resolve(extensionRoot);
  const manifest = readManifest(root);
  const outFile = path.resolve(options.outFile ?? path.join(VSIX_DIR, `${manifest.name}-${manifest.version}.vsix`));
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.rmSync(outFile, { force: true });

  const args = [
    'package',
    '--out',
    outFile,
    '--allow-missing-repository',
    '--skip-license',
    '--no-rewrite-relative-links',
    options.dependencies === true ? '--dependencies' : '--no-dependencies',
  ];
  const result = await runNodeScript(VSCE_ENTRY, args, {
    cwd: root,
    env: isolatedEnv(path.join(WORK_DIR, 'vsce-home')),
    timeoutMs: 300_000,
  });
  if (result.code !== 0 || !fs.existsSync(outFile)) {
    throw new Error(`vsce package failed in ${root} (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return outFile;
}
