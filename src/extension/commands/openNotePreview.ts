import * as vscode from 'vscode';
import { addGroupBelow } from '../editorGroups';
import type { CommandFactory } from './command';

/** The built-in markdown extension's preview, as a custom editor any group can open. */
const MARKDOWN_PREVIEW = 'vscode.markdown.preview.editor';

/**
 * Open Preview to the Side for a note whose run dashboard is beside it (Ctrl+K V while one is
 * shown): the built-in command would open the preview over the dashboard, so the preview goes in a
 * new group below the dashboard instead, and the note keeps the focus. Without a dashboard beside
 * the note it is the built-in command.
 */
export const openNotePreview: CommandFactory = (services) => ({
  id: 'ganStudio.openNotePreview',
  async execute(arg?: unknown) {
    const editor = vscode.window.activeTextEditor;
    const uri = arg instanceof vscode.Uri ? arg : editor?.document.uri;
    if (!uri) return vscode.commands.executeCommand('markdown.showPreviewToSide');
    const noteColumn = editor?.document.uri.toString() === uri.toString() ? editor.viewColumn ?? vscode.ViewColumn.One : vscode.ViewColumn.One;
    const dashboardColumn = noteColumn + 1;
    const below = services.dashboards.shownIn(dashboardColumn) ? await addGroupBelow(dashboardColumn) : undefined;
    if (below === undefined) return vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    await vscode.commands.executeCommand('vscode.openWith', uri, MARKDOWN_PREVIEW, { viewColumn: below, preserveFocus: true });
    if (editor) await vscode.window.showTextDocument(editor.document, { viewColumn: noteColumn, preserveFocus: false });
  },
});
