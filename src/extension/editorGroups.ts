import * as vscode from 'vscode';

// A note, its run's dashboard and its preview all want the group beside the note. Whichever comes
// second goes in a new group below the first rather than over it, so all three stay in view.

/** The workbench's commands that focus the first to eighth editor group (ViewColumn 1 to 8). */
const FOCUS_GROUP = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth'].map((nth) => `workbench.action.focus${nth}EditorGroup`);

/** Whether group `column` shows a markdown preview in front (the dynamic preview or the one opened as an editor). */
export function showsMarkdownPreview(column: vscode.ViewColumn): boolean {
  const input = vscode.window.tabGroups.all.find((group) => group.viewColumn === column)?.activeTab?.input;
  if (input instanceof vscode.TabInputWebview) return input.viewType.includes('markdown.preview');
  return input instanceof vscode.TabInputCustom && input.viewType === 'vscode.markdown.preview.editor';
}

/**
 * Adds an empty group below group `column` and returns its column, which comes right after
 * `column` (groups count in reading order); undefined past the eighth group. The new group is the
 * active one until the caller opens something and gives the focus back.
 */
export async function addGroupBelow(column: vscode.ViewColumn): Promise<vscode.ViewColumn | undefined> {
  const focus = FOCUS_GROUP[column - 1];
  if (focus === undefined) return undefined;
  // Commands, awaited in turn: a panel's reveal() could land after the new group took the focus.
  await vscode.commands.executeCommand(focus);
  await vscode.commands.executeCommand('workbench.action.newGroupBelow');
  return column + 1;
}
