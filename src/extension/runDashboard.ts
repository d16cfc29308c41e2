import * as vscode from 'vscode';
import * as path from 'node:path';
import { errorMessage, isUserError } from '../core/errors';
import { evaluationPlan, type EvaluationPlan } from '../core/eval/evaluationPlan';
import { exportChart } from './exportChart';
import { runFiles } from '../core/run/layout';
import { readStoredConfig } from '../core/run/runReader';
import { DisposableOwner } from '../core/util/disposable';
import { Throttle } from '../core/util/throttle';
import { runHeader, type HeaderConfig } from '../host/dashboardContent';
import { RunFeed, type FeedContext } from '../host/dashboardFeed';
import { renderDashboardShell } from '../host/dashboardHtml';
import { handleDashboardMessage } from '../host/dashboardRequests';
import { makeNonce } from '../host/html';
import { readMetricSeries } from '../host/runHistories';
import type { RunManager } from '../host/runManager';
import type { TrainerClient } from '../trainer/client';
import type { CompareCandidate, HostToDashboard } from '../protocol/dashboardMessages';
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
  private config: { readonly stored: HeaderConfig; readonly evaluation: EvaluationPlan } | undefined;
  private sending: Promise<void> = Promise.resolve();
  /** The reason last shown for a run that cannot be read. */
  private unreadableSent: string | undefined;

  constructor(private readonly options: RunDashboardOptions) {
    super();
    const { panel, runDir, extensionUri } = options;
    this.register(panel);
    const webview = panel.webview;
    this.feed = new RunFeed(runDir, (file) => webview.asWebviewUri(vscode.Uri.file(file)).toString());
    this.push = this.register(new Throttle(() => this.send('update'), this.interval()));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'gan-studio.svg');
    this.register(webview.onDidReceiveMessage((data: unknown) => void this.receive(data)));
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

  get visible(): boolean {
    return this.options.panel.visible;
  }

  /** The editor group it is in (undefined while it is not shown). */
  get viewColumn(): vscode.ViewColumn | undefined {
    return this.options.panel.viewColumn;
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

  private async receive(data: unknown): Promise<void> {
    const { runDir, log } = this.options;
    try {
      await handleDashboardMessage(data, {
        snapshot: () => {
          this.ready = true;
          this.send('snapshot');
        },
        control: (action) => this.control(action),
        advance: (steps) => this.trainer()?.advance(steps),
        pace: (stepsPerSecond) => this.trainer()?.pace(stepsPerSecond),
        tune: (change) => this.trainer()?.tune(change),
        resumeFromCheckpoint: async () => void await vscode.commands.executeCommand('ganStudio.resumeFromCheckpoint', runDir),
        openRunFolder: async () => void await vscode.commands.executeCommand('ganStudio.openRunFolder', runDir),
        evaluate: async () => void await vscode.commands.executeCommand('ganStudio.evaluateRun', runDir),
        exportMetrics: (request) => exportChart(runDir, request),
        snapshotToNote: async (step) => void await vscode.commands.executeCommand(SNAPSHOT_COMMAND, { runDir, step }),
        compare: async ({ requestId, runDirs }) => this.post({ type: 'compareData', requestId, runs: await this.compareData(runDirs) }),
      }, (reason) => log.warn(`dashboard of ${runDir}: ${reason}`));
    } catch (error) {
      log.error(`dashboard of ${runDir}: ${errorMessage(error)}`);
    }
  }

  /** The trainer of this run in this window; says so when there is none. */
  private trainer(): TrainerClient | undefined {
    const trainer = this.options.manager.byDir(this.options.runDir)?.client;
    if (!trainer) void vscode.window.showInformationMessage(`GAN Studio: ${path.basename(this.options.runDir)} is not training in this window.`);
    return trainer;
  }

  private control(action: 'pause' | 'resume' | 'stop'): void {
    const trainer = this.trainer();
    if (!trainer) return;
    switch (action) {
      case 'pause': return trainer.pause();
      case 'resume': return trainer.resume();
      case 'stop': return trainer.stop();
    }
  }

  /** Messages go out one at a time, in order, each from a fresh read of the run's files. */
  private send(kind: 'snapshot' | 'update'): void {
    this.sending = this.sending.then(async () => {
      const context = await this.context();
      if (!context) return;
      if ('unreadable' in context) {
        // Said once per reason: updates of a run that cannot be read would only repeat it.
        if (kind === 'snapshot' || context.unreadable !== this.unreadableSent) await this.post({ type: 'unreadable', reason: context.unreadable });
        this.unreadableSent = context.unreadable;
        return;
      }
      // A run readable again is shown whole.
      const whole = kind === 'snapshot' || this.unreadableSent !== undefined;
      this.unreadableSent = undefined;
      await this.feed.refresh();
      const message = whole ? this.feed.snapshot(context) : this.feed.update(context);
      if (message) await this.post(message);
    }).catch((error: unknown) => this.options.log.error(`dashboard of ${this.options.runDir}: ${errorMessage(error)}`));
  }

  /** What the next message needs; for a run whose run.json or config.json fails its checks, only why. */
  private async context(): Promise<FeedContext | { readonly unreadable: string } | undefined> {
    const { model, runDir } = this.options;
    const run = model.find(runDir);
    if (!run) {
      const unreadable = model.unreadable.find((folder) => folder.dir === runDir);
      return unreadable ? { unreadable: unreadable.reason } : undefined;
    }
    try {
      if (!this.config) {
        const stored = (await readStoredConfig(runDir)).config;
        this.config = { stored, evaluation: evaluationPlan(stored) };
      }
    } catch (error) {
      if (isUserError(error)) return { unreadable: errorMessage(error) };
      throw error;
    }
    // Insert Sample Snapshot is this extension's own command: the button always has somewhere to go.
    const client = this.options.manager.byDir(runDir)?.client;
    const [pace, controls] = run.live ? [client?.pacedAt, client?.controls] : [];
    const header = { ...runHeader(run, this.config.stored, this.config.evaluation), ...(pace !== undefined ? { pace } : {}), ...(controls ? { controls } : {}) };
    return { header, compare: this.compareCandidates(), canSnapshotToNote: true };
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
      metrics: await readMetricSeries(path.join(dir, runFiles.metrics)),
    })));
  }

  private async post(message: HostToDashboard): Promise<void> {
    await this.options.panel.webview.postMessage(message);
  }
}
