import type * as vscode from 'vscode';
import type { RunManager } from '../host/runManager';
import type { DashboardPanels } from './dashboardPanels';
import type { OutputLog } from './outputLog';
import type { RunsModel } from './runsModel';
import type { SettingsService } from './settingsService';

/** What commands work with; built once in activate(). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly settings: SettingsService;
  readonly runs: RunsModel;
  readonly manager: RunManager;
  readonly log: OutputLog;
  readonly dashboards: DashboardPanels;
  /** dist/trainer.js inside the extension. */
  readonly trainerEntry: string;
  /** Where Install Native Backend puts the native TF.js packages and Dawn (also a trainer search folder). */
  readonly nativeDir: string;
}
