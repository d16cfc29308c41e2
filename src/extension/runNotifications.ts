import * as vscode from 'vscode';
import { diagnosticHeadline } from '../core/eval/reportText';
import type { DiagnosticRecord } from '../core/run/evaluationRecords';
import { DisposableOwner } from '../core/util/disposable';
import { runDisplayName, type ActiveRun, type RunManager } from '../host/runManager';
import type { TrainerOutcome } from '../trainer/client';
import type { OutputLog } from './outputLog';

type Action = 'Open Dashboard' | 'Open Config' | 'Show Log' | 'Resume';

/** How long a finding stays in the status bar when the run's dashboard, which lists it, is on screen. */
const FINDING_STATUS_MS = 15_000;

/** Tells the user how each run of this window ended, with the actions that help next, and what it found on the way. */
export class RunNotifications extends DisposableOwner {
  private findingMessage: vscode.Disposable | undefined;

  /** `dashboardShown`: whether the run's dashboard is visible now (it holds the findings). */
  constructor(manager: RunManager, private readonly log: OutputLog, private readonly dashboardShown: (runDir: string) => boolean) {
    super();
    this.register({ dispose: () => this.findingMessage?.dispose() });
    this.register(manager.on((event) => {
      if (event.type === 'ended') void this.notify(event.run, event.outcome);
      else if (event.type === 'event' && event.event.type === 'diagnostic' && event.event.record.state === 'raised') {
        void this.warn(event.run, event.event.record);
      }
    }));
  }

  /**
   * A failure mode the run just showed: the detector reports each kind once until it clears. With
   * the run's dashboard in view a toast would only cover it (the dashboard lists the finding with
   * its evidence), so the status bar says it for a while; otherwise a toast, which can open it.
   */
  private async warn(run: ActiveRun, record: DiagnosticRecord): Promise<void> {
    const name = runDisplayName(run);
    if (run.runDir && this.dashboardShown(run.runDir)) {
      this.findingMessage?.dispose();
      this.findingMessage = vscode.window.setStatusBarMessage(`$(warning) GAN Studio: ${name}: ${diagnosticHeadline(record)}`, FINDING_STATUS_MS);
      return;
    }
    const choice = await vscode.window.showWarningMessage(`GAN Studio: ${name}: ${diagnosticHeadline(record)}`, 'Open Dashboard', 'Show Log');
    if (choice === 'Show Log') this.log.show();
    else if (choice === 'Open Dashboard' && run.runDir) await vscode.commands.executeCommand('ganStudio.openDashboard', run.runDir);
  }

  private async notify(run: ActiveRun, outcome: TrainerOutcome): Promise<void> {
    const name = runDisplayName(run);
    const configActions: Action[] = run.configFile ? ['Open Config'] : [];
    const resumable: Action[] = run.runDir ? ['Resume'] : [];
    let choice: Action | undefined;
    if (outcome.kind === 'finished') {
      const { status, step, error } = outcome.info;
      if (status === 'completed') {
        choice = await vscode.window.showInformationMessage(`GAN Studio: ${name} completed (${step} steps).`, 'Open Dashboard');
      } else if (status === 'failed') {
        choice = await vscode.window.showErrorMessage(`GAN Studio: ${name} failed at step ${step}: ${error ?? 'no reason given'}`,
          ...resumable, 'Show Log', ...configActions);
      }
    } else if (outcome.kind === 'error') {
      choice = await vscode.window.showErrorMessage(`GAN Studio: ${outcome.userError ? '' : 'the trainer failed: '}${outcome.message}`,
        ...configActions, 'Show Log');
    } else {
      choice = await vscode.window.showErrorMessage(`GAN Studio: ${name}: ${outcome.message}.`, ...(outcome.info?.lastCheckpoint ? resumable : []),
        'Show Log', ...configActions);
    }
    if (choice === 'Show Log') this.log.show();
    else if (choice === 'Open Config' && run.configFile) await vscode.window.showTextDocument(vscode.Uri.file(run.configFile));
    else if (choice === 'Resume') await vscode.commands.executeCommand('ganStudio.resumeFromCheckpoint', run.runDir);
    else if (choice === 'Open Dashboard') await vscode.commands.executeCommand('ganStudio.openDashboard', run.runDir);
  }
}
