import * as vscode from 'vscode';
import { UserError } from '../../core/errors';
import { blockTarget, findGanBlocks, type BlockTarget, type GanBlock } from '../../host/notes/ganBlocks';

/** How CodeLens and hover name a gan block: the note's URI (as a string) and the block's index. */
export interface BlockArgument {
  readonly note: string;
  readonly block: number;
}

export function isBlockArgument(value: unknown): value is BlockArgument {
  const argument = value as Partial<BlockArgument> | null;
  return typeof argument === 'object' && argument !== null && typeof argument.note === 'string' && typeof argument.block === 'number';
}

/** The block a CodeLens pointed at, read from the note as it is now. */
export async function resolveBlock(argument: BlockArgument): Promise<{ document: vscode.TextDocument; block: GanBlock; target: BlockTarget }> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(argument.note));
  const block = findGanBlocks(document.getText())[argument.block];
  if (!block) throw new UserError(`${document.uri.fsPath} no longer has gan block ${argument.block + 1}`, document.uri.fsPath);
  return { document, block, target: blockTarget(block) };
}

/** The markdown editor to insert into: the active one, else the last visible markdown editor. */
export function noteEditor(): vscode.TextEditor {
  const active = vscode.window.activeTextEditor;
  if (active?.document.languageId === 'markdown') return active;
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.languageId === 'markdown');
  if (!visible) throw new UserError('open the markdown note to insert the snapshot into, then try again');
  return visible;
}
