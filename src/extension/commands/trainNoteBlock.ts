import * as vscode from 'vscode';
import * as fs from 'node:fs';
import { UserError } from '../../core/errors';
import { referencedConfig } from '../../host/notes/blockRuns';
import { isBlockArgument, resolveBlock } from '../notes/noteTargets';
import { ensureTrusted } from '../trust';
import type { CommandFactory } from './command';
import { trainConfigText } from './startTraining';

/**
 * Trains a note's gan block (from its CodeLens): the config in the block, or the config file it
 * names. The run records the note and block (run.json and its id).
 */
export const trainNoteBlock: CommandFactory = (services) => ({
  id: 'ganStudio.trainNoteBlock',
  async execute(arg?: unknown) {
    if (!await ensureTrusted('train')) return;
    if (!isBlockArgument(arg)) throw new UserError('Train Note Block runs from the "▶ Train" CodeLens above a gan block in a note');
    const { document, block, target } = await resolveBlock(arg);
    if (document.isDirty) await document.save();
    const note = { file: document.uri.fsPath, block: block.index, line: block.fenceLine };
    if (target.kind === 'run') throw new UserError(`gan block ${block.index + 1} shows the run "${target.ref}"; train its config instead`);
    if (target.kind === 'configFile') {
      const file = referencedConfig(target, document.uri.fsPath);
      if (!fs.existsSync(file)) throw new UserError(`gan block ${block.index + 1} names ${target.path}, which does not exist (looked for ${file})`, file);
      const config = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      return trainConfigText(services, { text: config.getText(), file, document: config, note });
    }
    // Block lines are note lines: problems point into the note; data paths are relative to it.
    return trainConfigText(services, { text: block.text, file: document.uri.fsPath, document, lineOffset: block.fenceLine + 1, note });
  },
});
