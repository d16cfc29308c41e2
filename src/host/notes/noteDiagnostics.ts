import * as fs from 'node:fs';
import { configDiagnostics, type ConfigDiagnostic } from '../configDiagnostics';
import { referencedConfig, runOfBlock, type BlockRun } from './blockRuns';
import { blockTarget, findGanBlocks } from './ganBlocks';

/**
 * Problems in a note's gan blocks, placed in the note: a config block is validated like a config
 * file (its lines and columns shifted to where it sits), a `config:` reference must name an
 * existing file, and a `run:` reference that matches no run yet is a warning.
 */
export function noteDiagnostics(markdown: string, noteFile: string, runs: readonly BlockRun[],
  exists: (file: string) => boolean = fs.existsSync): ConfigDiagnostic[] {
  return findGanBlocks(markdown).flatMap((block): ConfigDiagnostic[] => {
    const target = blockTarget(block);
    const lineOf = (line: number) => markdown.split(/\r?\n/)[line] ?? '';
    const wholeLine = (line: number, message: string, severity?: 'warning'): ConfigDiagnostic => ({
      startLine: line, startCharacter: lineOf(line).length - lineOf(line).trimStart().length, endLine: line,
      endCharacter: Math.max(lineOf(line).trimEnd().length, 1), message, field: '', ...(severity ? { severity } : {}),
    });
    if (target.kind === 'configFile') {
      const file = referencedConfig(target, noteFile);
      return exists(file) ? [] : [wholeLine(target.line, `config: ${target.path} does not exist (looked for ${file})`)];
    }
    if (target.kind === 'run') {
      return runOfBlock(block, target, noteFile, runs) ? [] : [wholeLine(target.line, `no run "${target.ref}" yet (a run id or a config name)`, 'warning')];
    }
    const found = configDiagnostics(block.text, { file: noteFile, format: 'yaml', lineOffset: block.fenceLine + 1 });
    return found.map((problem) => ({
      ...problem, startCharacter: problem.startCharacter + block.indent, endCharacter: problem.endCharacter + block.indent,
    }));
  });
}
