import * as vscode from 'vscode';
import { DisposableOwner } from '../core/util/disposable';
import { statusBarText } from '../host/runPresentation';
import type { RunsModel } from './runsModel';

/** While this window trains: the run's name, step/total and it/s; a click opens its dashboard. */
export class TrainingStatusBar extends DisposableOwner {
  private readonly item = this.register(vscode.window.createStatusBarItem('ganStudio.training', vscode.StatusBarAlignment.Left, 10));

  constructor(private readonly model: RunsModel) {
    super();
    this.item.name = 'GAN Studio Training';
    this.register(model.onDidChange(() => this.update()));
    this.update();
  }

  private update(): void {
    const shown = statusBarText(this.model.runs.filter((run) => run.live));
    if (!shown) {
      this.item.hide();
      return;
    }
    this.item.text = shown.text;
    this.item.tooltip = shown.tooltip;
    this.item.command = { command: 'ganStudio.openDashboard', title: 'Open Dashboard', arguments: [shown.run.dir] };
    this.item.show();
  }
}
