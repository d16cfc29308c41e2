import * as path from 'node:path';
import type { RunView } from '../runView';
import type { BlockTarget, GanBlock } from './ganBlocks';

/** The absolute path a `config:` reference names (relative paths are relative to the note). */
export function referencedConfig(target: Extract<BlockTarget, { kind: 'configFile' }>, noteFile: string): string {
  return path.resolve(path.dirname(noteFile), target.path);
}

/** What finding a block's run looks at: all a note's checker (in a worker) is sent of each run. */
export type BlockRun = Pick<RunView, 'runId' | 'name' | 'configFile' | 'note'>;

/**
 * The run a block shows (runs newest first): a run reference's run (exact id, else the latest of
 * that config name); a config reference's latest run; for a config in the block, the latest run
 * trained from this block of this note (else from this note under the same config name, so
 * inserting a block above does not orphan the runs below).
 */
export function runOfBlock<Run extends BlockRun>(block: GanBlock, target: BlockTarget, noteFile: string, runs: readonly Run[]): Run | undefined {
  switch (target.kind) {
    case 'run':
      return runs.find((run) => run.runId === target.ref) ?? runs.find((run) => run.name === target.ref);
    case 'configFile': {
      const file = referencedConfig(target, noteFile);
      return runs.find((run) => run.configFile !== undefined && path.resolve(run.configFile) === file);
    }
    case 'config': {
      const fromNote = runs.filter((run) => run.note && path.resolve(run.note.file) === path.resolve(noteFile));
      return fromNote.find((run) => run.note?.block === block.index && (!target.name || run.name === target.name))
        ?? (target.name ? fromNote.find((run) => run.name === target.name) : undefined);
    }
  }
}
