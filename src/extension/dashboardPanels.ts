import * as vscode from 'vscode';
import * as path from 'node:path';
import { DisposableOwner } from '../core/util/disposable';
import type { RunManager } from '../host/runManager';
import type { RunsModel } from './runsModel';
import type { SettingsService } from './settingsService';
import { RunDashboard } from './runDashboard';

const VIEW_TYPE = 'ganStudio.run';

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
  }

  /** Opens the panel of a run the model lists: its folder becomes a resource root, so it must be one discovery checked. */
  open(runDir: string): void {
    const existing = this.panels.get(runDir);
    if (existing) return existing.reveal();
    // Beside the active editor, keeping focus there: the note being written stays in view.
    this.adopt(runDir, vscode.window.createWebviewPanel(VIEW_TYPE, path.basename(runDir),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.panelOptions(runDir)));
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
