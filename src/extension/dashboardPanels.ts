import * as vscode from 'vscode';
import * as path from 'node:path';
import { DisposableOwner } from '../core/util/disposable';
import type { RunManager } from '../host/runManager';
import type { RunsModel } from './runsModel';
import type { SettingsService } from './settingsService';
import { addGroupBelow, showsMarkdownPreview } from './editorGroups';
import { RunDashboard } from './runDashboard';

const VIEW_TYPE = 'ganStudio.run';
/** Set while some dashboard is in front in its group: Open Preview to the Side then goes where it covers none. */
const SHOWN_CONTEXT = 'ganStudio.dashboardShown';

/**
 * Owns the dashboards: one panel per run (each tab is one run, so several can sit side by side
 * and each note can keep its run's panel next to it), revealed if already open, restored after a
 * window reload on the same run.
 */
export class DashboardPanels extends DisposableOwner implements vscode.WebviewPanelSerializer<{ runDir?: unknown }> {
  private readonly panels = new Map<string, RunDashboard>();

  constructor(private readonly model: RunsModel, private readonly manager: RunManager, private readonly settings: SettingsService,
    private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {
    super();
    this.register(model.onDidChange(() => this.panels.forEach((panel) => panel.runsChanged())));
    this.register(settings.onDidChange(() => this.panels.forEach((panel) => panel.settingsChanged())));
    this.register({ dispose: () => this.panels.forEach((panel) => panel.dispose()) });
    this.register(vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, this));
    const updateShown = () => void vscode.commands.executeCommand('setContext', SHOWN_CONTEXT, [...this.panels.values()].some((panel) => panel.visible));
    this.register(vscode.window.tabGroups.onDidChangeTabs(updateShown));
    this.register(vscode.window.tabGroups.onDidChangeTabGroups(updateShown));
  }

  /** Opens the panel of a run the model lists: its folder becomes a resource root, so it must be one discovery checked. */
  async open(runDir: string): Promise<void> {
    const existing = this.panels.get(runDir);
    if (existing) return existing.reveal();
    // Beside the active editor, keeping focus there: the note being written stays in view; below the
    // note's preview when that is beside it, not over it.
    const editor = vscode.window.activeTextEditor;
    const beside = editor?.viewColumn !== undefined ? editor.viewColumn + 1 : undefined;
    const below = beside !== undefined && showsMarkdownPreview(beside) ? await addGroupBelow(beside) : undefined;
    // Another open of this run may have finished while the group was made.
    if (this.panels.has(runDir)) return this.panels.get(runDir)?.reveal();
    this.adopt(runDir, vscode.window.createWebviewPanel(VIEW_TYPE, path.basename(runDir),
      { viewColumn: below ?? vscode.ViewColumn.Beside, preserveFocus: true }, this.panelOptions(runDir)));
    if (below !== undefined && editor && beside !== undefined) await vscode.window.showTextDocument(editor.document, { viewColumn: beside - 1, preserveFocus: false });
  }

  /** The dashboard in front in editor group `column`, if any. */
  shownIn(column: vscode.ViewColumn): RunDashboard | undefined {
    return [...this.panels.values()].find((panel) => panel.visible && panel.viewColumn === column);
  }

  /** Whether the run's dashboard is open and visible (in front in its editor group). */
  isShown(runDir: string): boolean {
    return this.panels.get(runDir)?.visible ?? false;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: { runDir?: unknown } | undefined): Promise<void> {
    const runDir = typeof state?.runDir === 'string' ? state.runDir : undefined;
    if (!runDir || this.panels.has(runDir)) return panel.dispose();
    // The restored panel keeps the options it was created with; setting them again reloads its frame.
    await this.model.refresh();
    // Only a run folder discovery vouches for (inside its runs directory, no link out): the state is the webview's data.
    const known = this.model.find(runDir) ?? this.model.unreadable.find((folder) => folder.dir === runDir);
    if (!known) return panel.dispose();
    this.adopt(runDir, panel);
  }

  private adopt(runDir: string, panel: vscode.WebviewPanel): void {
    this.panels.set(runDir, new RunDashboard({
      runDir, panel, model: this.model, manager: this.manager, settings: this.settings, extensionUri: this.extensionUri, log: this.log,
      onClosed: () => this.panels.delete(runDir),
    }));
  }

  /** Scripts on; local files only from the bundle, the icons and the run's own folder. */
  private panelOptions(runDir: string): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true, retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media'), vscode.Uri.file(runDir)],
    };
  }
}
