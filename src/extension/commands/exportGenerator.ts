import * as vscode from 'vscode';
import * as path from 'node:path';
import { readStoredConfig } from '../../core/run/runReader';
import { chooseTransport, effectiveBackend } from '../../host/transport';
import { exportInTrainer } from '../../trainer/jobs';
import { ensureTrusted } from '../trust';
import type { CommandFactory } from './command';
import { resolveRun } from './runTarget';

/** Writes a run's generator (latest checkpoint) as a TF.js LayersModel into a folder the user picks. */
export const exportGenerator: CommandFactory = (services) => ({
  id: 'ganStudio.exportGenerator',
  async execute(arg?: unknown) {
    if (!await ensureTrusted('export a generator')) return;
    const run = await resolveRun(services.runs, arg, (candidate) => candidate.checkpointStep !== undefined, 'export');
    if (!run) return;
    const [parent] = await vscode.window.showOpenDialog({
      canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Export Here',
      title: `Folder for ${run.runId}-generator/`, ...workspaceUri(),
    }) ?? [];
    if (!parent) return;
    const outDir = path.join(parent.fsPath, `${run.runId}-generator`);
    const stored = await readStoredConfig(run.dir);
    const settings = services.settings.current;
    const backend = effectiveBackend(settings.backend, stored.config.backend);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Exporting the generator of ${run.runId}…` },
      () => exportInTrainer(services.trainerEntry, chooseTransport(backend, [services.nativeDir]),
        { runDir: run.dir, outDir, backend, nativeSearchDirs: [services.nativeDir] }, (line) => services.log.channel.info(`[export] ${line}`)),
    );
    services.log.channel.info(`[${run.runId}] exported the generator (step ${result.step}) to ${outDir}`);
    const choice = await vscode.window.showInformationMessage(
      `GAN Studio: exported the generator of ${run.runId} (step ${result.step}) to ${outDir}. Load model.json with tf.loadLayersModel.`, 'Open model.json');
    if (choice) await vscode.window.showTextDocument(vscode.Uri.file(path.join(outDir, 'model.json')));
  },
});

function workspaceUri(): { defaultUri?: vscode.Uri } {
  const uri = vscode.workspace.workspaceFolders?.[0]?.uri;
  return uri ? { defaultUri: uri } : {};
}
