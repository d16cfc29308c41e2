import * as fs from 'node:fs';
import * as path from 'node:path';

const packageName = 'gan-studio';

/**
 * The extension's root folder (where its package.json lives), found by walking up from `start`,
 * so the same lookup works from src/ under tsx and from a bundled dist/*.js.
 */
export function findPackageRoot(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (isOurPackage(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`No package.json named "${packageName}" above ${start}.`);
}

function isOurPackage(file: string): boolean {
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof manifest === 'object' && manifest !== null
      && (manifest as { name?: unknown }).name === packageName;
  } catch {
    // Missing or unreadable package.json files on the way up are simply not ours.
    return false;
  }
}
