import * as vscode from 'vscode';
import { DisposableOwner } from '../core/util/disposable';
import { Throttle } from '../core/util/throttle';
import { settleRunsOfEndedWindows } from '../host/runDiscovery';
import type { RunManager } from '../host/runManager';
import type { RunsModel } from './runsModel';

const OFFERED_KEY = 'ganStudio.offeredResume';
const STARTUP_DELAY_MS = 3000;

/**
 * Runs whose trainer went with an earlier window (reload, close, crash) are marked interrupted and
 * offered for resume, once each (remembered per run and step), in a trusted workspace only. Checked
 * at start-up and whenever the runs change, because the old window may still be stopping its
 * trainers when this one starts.
 * Runs this window trained are left to RunNotifications, which already offers a resume.
 */
export class InterruptedRunsOffer extends DisposableOwner {
  private readonly trainedHere = new Set<string>();
  private readonly check = this.register(new Throttle(() => void this.offer(), 2000));
  private offering = false;
  private started = false;

  constructor(private readonly context: vscode.ExtensionContext, private readonly model: RunsModel, private readonly manager: RunManager,
    private readonly log: vscode.LogOutputChannel) {
    super();
    this.register(manager.on((event) => { if (event.run.runDir) this.trainedHere.add(event.run.runDir); }));
    this.register(model.onDidChange(() => { if (this.started) this.check.schedule(); }));
    // Restricted Mode writes nothing to the workspace: the runs are marked once trust is granted.
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => { if (this.started) this.check.schedule(); }));
    // The window is busy restoring editors and panels at first; a notice then is easily missed.
    const timer = setTimeout(() => {
      this.started = true;
      void model.refresh().then(() => this.check.schedule());
    }, STARTUP_DELAY_MS);
    this.register({ dispose: () => clearTimeout(timer) });
  }

  private async offer(): Promise<void> {
    if (this.offering) return this.check.schedule();
    this.offering = true;
    try {
      await this.offerOnce();
    } finally {
      this.offering = false;
    }
  }

  private async offerOnce(): Promise<void> {
    const candidates = this.model.runs.filter((run) => !this.trainedHere.has(run.dir));
    this.log.trace(`checking ${candidates.length} runs for interrupted ones: ${candidates.map((run) => `${run.runId} ${run.status}`).join(', ')}`);
    const interrupted = await settleRunsOfEndedWindows(candidates, (dir) => this.manager.byDir(dir) !== undefined, vscode.workspace.isTrusted);
    const offered = new Set(this.context.workspaceState.get<string[]>(OFFERED_KEY, []));
    const fresh = interrupted.filter((run) => run.checkpointStep !== undefined && !offered.has(`${run.dir}@${run.step}`));
    if (!fresh.length) return;
    await this.context.workspaceState.update(OFFERED_KEY, [...offered, ...fresh.map((run) => `${run.dir}@${run.step}`)].slice(-200));
    void this.model.refresh();
    this.log.info(`offering to resume ${fresh.map((run) => run.runId).join(', ')} (interrupted with an earlier window)`);
    const [first] = fresh;
    const names = fresh.length === 1 && first ? `${first.runId} (step ${first.step}/${first.totalSteps}) was` : `${fresh.length} runs were`;
    const resume = fresh.length === 1 ? 'Resume' : 'Resume All';
    const choice = await vscode.window.showInformationMessage(
      `GAN Studio: ${names} interrupted when the window closed or reloaded. Resume from the last checkpoint?`, resume, 'Not Now');
    if (choice !== resume) return;
    for (const run of fresh) await vscode.commands.executeCommand('ganStudio.resumeFromCheckpoint', run.dir);
  }
}
