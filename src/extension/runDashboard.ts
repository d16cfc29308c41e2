import * as vscode from 'vscode';
import * as path from 'node:path';
import { errorMessage } from '../core/errors';
import { readJsonLines } from '../core/run/jsonLines';
import { runFiles } from '../core/run/layout';
import { isMetricsRecord } from '../core/run/records';
import { readStoredConfig } from '../core/run/runReader';
import { DisposableOwner } from '../core/util/disposable';
import { Throttle } from '../core/util/throttle';
import { runHeader, toMetricSeries, type HeaderConfig } from '../host/dashboardContent';
import { RunFeed, type FeedContext } from '../host/dashboardFeed';
import { renderDashboardShell } from '../host/dashboardHtml';
import { makeNonce } from '../host/html';
import type { RunManager } from '../host/runManager';
import type { CompareCandidate, DashboardToHost, HostToDashboard } from '../protocol/dashboardMessages';
import type { RunsModel } from './runsModel';
import type { SettingsService } from './settingsService';

export interface RunDashboardOptions {
  readonly runDir: string;
  readonly panel: vscode.WebviewPanel;
  readonly model: RunsModel;
  readonly manager: RunManager;
  readonly settings: SettingsService;
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  readonly onClosed: () => void;
}

/** Updates per second at most, whatever the setting: more would only queue in the webview. */
const MAX_UPDATES_PER_SECOND = 10;
const SNAPSHOT_COMMAND = 'ganStudio.insertSnapshot';

/**
 * One run's dashboard: serves the webview, answers its handshake with a full snapshot, then sends
 * coalesced updates while it is visible (none while hidden; a snapshot when it shows again), and
 * turns its buttons into commands.
 */
export class RunDashboard extends DisposableOwner {
  private readonly feed: RunFeed;
  private readonly push: Throttle;
  private ready = false;
  private config: HeaderConfig | undefined;
  private sending: Promise<void> = Promise.resolve();

  constructor(private readonly options: RunDashboardOptions) {
    super();
    const { panel, runDir, extensionUri } = options;
    this.register(panel);
    const webview = panel.webview;
    this.feed = new RunFeed(runDir, (file) => webview.asWebviewUri(vscode.Uri.file(file)).toString());
    this.push = this.register(new Throttle(() => this.send('update'), this.interval()));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'gan-studio.svg');
    this.register(webview.onDidReceiveMessage((message: DashboardToHost) => void this.receive(message)));
    this.register(panel.onDidChangeViewState(() => { if (panel.visible && this.ready) this.send('snapshot'); }));
    this.register(panel.onDidDispose(() => {
      options.onClosed();
      this.dispose();
    }));
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
    webview.html = renderDashboardShell({
      runDir, title: path.basename(runDir), scriptUri: asset('dashboard.js'), styleUri: asset('dashboard.css'),
      cspSource: webview.cspSource, nonce: makeNonce(),
    });
  }

  reveal(): void {
    this.options.panel.reveal(undefined, true);
  }

  runsChanged(): void {
    if (this.ready && this.options.panel.visible) this.push.schedule();
  }

  settingsChanged(): void {
    this.push.setInterval(this.interval());
  }

  private interval(): number {
    return 1000 / Math.min(this.options.settings.current.refreshRate, MAX_UPDATES_PER_SECOND);
  }

  private async receive(message: DashboardToHost): Promise<void> {
    const { runDir, manager } = this.options;
    try {
      switch (message.type) {
        case 'ready':
        case 'resync':
          this.ready = true;
          return this.send('snapshot');
        case 'control': {
          const trainer = manager.byDir(runDir)?.client;
          if (!trainer) return void vscode.window.showInformationMessage(`GAN Studio: ${path.basename(runDir)} is not training in this window.`);
          return trainer[message.action]();
        }
        case 'openRunFolder':
          return void await vscode.commands.executeCommand('ganStudio.openRunFolder', runDir);
        case 'snapshotToNote':
          return void await vscode.commands.executeCommand(SNAPSHOT_COMMAND, { runDir, step: message.step });
        case 'compare':
          return await this.post({ type: 'compareData', runs: await this.compareData(message.runDirs) });
      }
    } catch (error) {
      this.options.log.error(`dashboard of ${runDir}: ${errorMessage(error)}`);
    }
  }

  /** Messages go out one at a time, in order, each from a fresh read of the run's files. */
  private send(kind: 'snapshot' | 'update'): void {
    this.sending = this.sending.then(async () => {
      const context = await this.context();
      if (!context) return;
      await this.feed.refresh();
      const message = kind === 'snapshot' ? this.feed.snapshot(context) : this.feed.update(context);
      if (message) await this.post(message);
    }).catch((error: unknown) => this.options.log.error(`dashboard of ${this.options.runDir}: ${errorMessage(error)}`));
  }

  private async context(): Promise<FeedContext | undefined> {
    const { model, runDir } = this.options;
    const run = model.find(runDir);
    if (!run) return undefined;
    this.config ??= (await readStoredConfig(runDir)).config;
    // Insert Sample Snapshot is this extension's own command: the button always has somewhere to go.
    return { header: runHeader(run, this.config), compare: this.compareCandidates(), canSnapshotToNote: true };
  }

  /** Other runs of the same config (same file, else same name). */
  private compareCandidates(): CompareCandidate[] {
    const { model, runDir } = this.options;
    const run = model.find(runDir);
    if (!run) return [];
    return model.runs
      .filter((other) => other.dir !== runDir && (run.configFile ? other.configFile === run.configFile : other.name === run.name))
      .map((other) => ({ runDir: other.dir, runId: other.runId, status: other.status, step: other.step }));
  }

  private async compareData(runDirs: readonly string[]) {
    const allowed = new Set(this.compareCandidates().map((candidate) => candidate.runDir));
    const chosen = runDirs.filter((dir) => allowed.has(dir));
    return Promise.all(chosen.map(async (dir) => ({
      runId: path.basename(dir),
      metrics: toMetricSeries(await readJsonLines(path.join(dir, runFiles.metrics), isMetricsRecord)),
    })));
  }

  private async post(message: HostToDashboard): Promise<void> {
    await this.options.panel.webview.postMessage(message);
  }
}
