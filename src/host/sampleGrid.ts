import * as fs from 'node:fs';
import * as path from 'node:path';
import { sampleFile } from '../core/run/layout';
import type { RunView } from './runView';

/**
 * The file of a run's newest sample grid, for the note preview and hover: only a plain file the run
 * wrote in its own folder, never a link (a repository could link a "grid" to any image on disk).
 * Synchronous, as a markdown render is: one lstat per shown block.
 */
export function sampleGridFile(run: RunView): string | undefined {
  if (run.sampleStep === undefined) return undefined;
  const samples = path.join(run.dir, path.dirname(sampleFile(run.sampleStep)));
  const file = path.join(run.dir, sampleFile(run.sampleStep));
  try {
    return !fs.lstatSync(samples).isSymbolicLink() && fs.lstatSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}
