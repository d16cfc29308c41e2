import * as vscode from 'vscode';
import * as path from 'node:path';
import { learnsGenerator } from '../../core/run/networkNames';
import { readStoredConfig } from '../../core/run/runReader';
import { chooseTransport, effectiveBackend } from '../../host/transport';
import { exportInTrainer } from '../../trainer/jobs';
import { ensureTrusted } from '../trust';
import type { CommandFactory } from './command';
import { resolveRun } from './runTarget';

/**
 * Writes a run's generator (latest checkpoint) as a TF.js LayersModel into a folder the user picks;
 * a run without one (DANN) its feature extractor and classifier, each in its own subfolder.
 */
export const exportGenerator: CommandFactory = (services) => ({
  id: 'ganStudio.exportGenerator',
  async execute(arg?: unknown) {
    if (!await ensureTrusted('export a run\'s networks')) return;
    const run = await resolveRun(services.runs, arg, (candidate) => candidate.checkpointStep !== undefined, 'export');
    if (!run) return;
    const what = learnsGenerator(run.networks) ? 'generator' : 'networks';
    const [parent] = await vscode.window.showOpenDialog({
      canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Export Here',
      title: `Folder for ${run.runId}-${what}/`, ...workspaceUri(),
    }) ?? [];
    if (!parent) return;
    const outDir = path.join(parent.fsPath, `${run.runId}-${what}`);
    const stored = await readStoredConfig(run.dir);
    const settings = services.settings.current;
    const backend = effectiveBackend(settings.backend, stored.config.backend);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Exporting the ${what} of ${run.runId}…` },
      () => exportInTrainer(services.trainerEntry, chooseTransport(backend, [services.nativeDir]),
        { runDir: run.dir, outDir, backend, nativeSearchDirs: [services.nativeDir] }, (line) => services.log.channel.info(`[export] ${line}`)),
    );
    services.log.channel.info(`[${run.runId}] exported the ${what} (step ${result.step}) to ${outDir}`);
    // The generator's model.json at the top, or (no generator) the first network's in its folder.
    const model = result.files.find((file) => path.basename(file) === 'model.json');
    const shown = model ? path.relative(outDir, model) : 'model.json';
    const choice = await vscode.window.showInformationMessage(
      `GAN Studio: exported the ${what} of ${run.runId} (step ${result.step}) to ${outDir}. Load ${shown} with tf.loadLayersModel.`, `Open ${shown}`);
    if (choice && model) await vscode.window.showTextDocument(vscode.Uri.file(model));
  },
});

function workspaceUri(): { defaultUri?: vscode.Uri } {
  const uri = vscode.workspace.workspaceFolders?.[0]?.uri;
  return uri ? { defaultUri: uri } : {};
}
