import * as vscode from 'vscode';
import * as path from 'node:path';
import { readLastJsonLine } from '../core/run/jsonLines';
import { runFiles } from '../core/run/layout';
import { isMetricsRecord } from '../core/run/records';
import { DisposableOwner } from '../core/util/disposable';
import { Throttle } from '../core/util/throttle';
import { errorMessage } from '../core/errors';
import { escapeHtml, makeNonce } from '../host/html';
import { renderRunSummary } from '../host/runSummaryHtml';
import type { RunsModel } from './runsModel';
import type { SettingsService } from './settingsService';

const VIEW_TYPE = 'ganStudio.run';

/**
 * Owns the run panels: one per run, revealed if already open, refreshed from the run directory as
 * the run changes (throttled to the refresh-rate setting, skipped while hidden), and restored
 * after a window reload.
 */
export class DashboardPanels extends DisposableOwner implements vscode.WebviewPanelSerializer<{ runDir?: unknown }> {
  private readonly panels = new Map<string, RunPanel>();

  constructor(private readonly model: RunsModel, private readonly settings: SettingsService, private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel) {
    super();
    this.register(model.onDidChange(() => this.panels.forEach((panel) => panel.refresh())));
    this.register({ dispose: () => this.panels.forEach((panel) => panel.dispose()) });
    this.register(vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, this));
  }

  open(runDir: string): void {
    const existing = this.panels.get(runDir);
    if (existing) return existing.reveal();
    this.adopt(runDir, vscode.window.createWebviewPanel(VIEW_TYPE, path.basename(runDir),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, panelOptions(runDir)));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: { runDir?: unknown } | undefined): Promise<void> {
    const runDir = typeof state?.runDir === 'string' ? state.runDir : undefined;
    this.log.info(`restoring the panel of ${runDir ?? 'an unknown run'}`);
    if (!runDir || this.panels.has(runDir)) return panel.dispose();
    // The restored panel keeps the options it was created with (panelOptions); setting them again
    // reloads its frame, which can leave it blank.
    await this.model.refresh();
    this.adopt(runDir, panel);
  }

  private adopt(runDir: string, panel: vscode.WebviewPanel): void {
    this.panels.set(runDir, new RunPanel(runDir, panel, this.model, this.settings, this.extensionUri,
      (message) => this.log.error(message), () => this.panels.delete(runDir)));
  }
}

/** The page runs one nonce'd script (it records the run for restore) and loads only the run's images. */
function panelOptions(runDir: string): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.file(runDir)] };
}

class RunPanel extends DisposableOwner {
  private readonly throttle: Throttle;

  constructor(private readonly runDir: string, private readonly panel: vscode.WebviewPanel, private readonly model: RunsModel,
    settings: SettingsService, extensionUri: vscode.Uri, private readonly onError: (message: string) => void, onClosed: () => void) {
    super();
    this.register(panel);
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'gan-studio.svg');
    this.throttle = this.register(new Throttle(() => void this.render(), 1000 / settings.current.refreshRate));
    this.register(this.panel.onDidChangeViewState(() => this.refresh()));
    this.register(this.panel.onDidDispose(() => {
      onClosed();
      this.dispose();
    }));
    void this.render();
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  refresh(): void {
    if (this.panel.visible) this.throttle.schedule();
  }

  private async render(): Promise<void> {
    try {
      await this.renderRun();
    } catch (error) {
      this.onError(`the panel of ${this.runDir} could not be drawn: ${errorMessage(error)}`);
    }
  }

  private async renderRun(): Promise<void> {
    const run = this.model.find(this.runDir);
    if (!run) {
      this.panel.webview.html = `<!DOCTYPE html><html><body><p>${escapeHtml(this.runDir)} is not a run (any more).</p></body></html>`;
      return;
    }
    const metrics = await readLastJsonLine(path.join(this.runDir, runFiles.metrics), isMetricsRecord);
    const sample = vscode.Uri.file(path.join(this.runDir, runFiles.latestSample));
    const hasSample = await vscode.workspace.fs.stat(sample).then(() => true, () => false);
    const webview = this.panel.webview;
    webview.html = renderRunSummary({
      run, cspSource: webview.cspSource, nonce: makeNonce(),
      ...(metrics ? { metrics } : {}),
      // The step in the query makes the webview fetch the new grid instead of its cached copy.
      ...(hasSample ? { sampleUri: webview.asWebviewUri(sample).with({ query: `step=${run.step}` }).toString() } : {}),
    });
  }
}
