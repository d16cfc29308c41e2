import * as vscode from 'vscode';
import * as path from 'node:path';
import { isConfigFile } from '../../host/configFiles';
import type { CommandFactory } from './command';
import { resolveRun } from './runTarget';

/** Opens the panel of a run (or of a config file's latest run). */
export const openDashboard: CommandFactory = (services) => ({
  id: 'ganStudio.openDashboard',
  async execute(arg?: unknown) {
    const configFile = arg instanceof vscode.Uri && isConfigFile(arg.path) ? path.resolve(arg.fsPath) : undefined;
    if (configFile) {
      const latest = services.runs.runs.find((run) => run.configFile && path.resolve(run.configFile) === configFile);
      if (!latest) {
        void vscode.window.showInformationMessage(`GAN Studio: ${path.basename(configFile)} has no runs yet; train it first.`);
        return;
      }
      return services.dashboards.open(latest.dir);
    }
    const run = await resolveRun(services.runs, arg, () => true, 'open');
    if (run) await services.dashboards.open(run.dir);
  },
});
