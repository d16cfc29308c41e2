import * as vscode from 'vscode';
import * as path from 'node:path';
import { readStoredConfig } from '../../core/run/runReader';
import { translationDirections } from '../../core/run/translatorNetworks';
import type { TranslationDirection } from '../../core/train/translateRun';
import { chooseTransport, effectiveBackend } from '../../host/transport';
import { translateInTrainer } from '../../trainer/jobs';
import { ensureTrusted } from '../trust';
import type { CommandFactory } from './command';
import { resolveRun } from './runTarget';

interface InputChoice extends vscode.QuickPickItem {
  readonly folder: boolean;
  readonly filters?: Record<string, string[]>;
}

const directionLabels: Record<TranslationDirection, string> = { ab: 'a → b', ba: 'b → a' };

/** Translates an image, a folder of images or an IDX file with a translation run's generator (CycleGAN, pix2pix), one PNG each. */
export const translateImages: CommandFactory = (services) => ({
  id: 'ganStudio.translateImages',
  async execute(arg?: unknown) {
    if (!await ensureTrusted('translate images with a run\'s generator')) return;
    const run = await resolveRun(services.runs, arg, (candidate) => candidate.checkpointStep !== undefined && translationDirections(candidate.networks).length > 0, 'translate with');
    if (!run) return;
    const directions = translationDirections(run.networks);
    const direction = directions.length === 1 ? directions[0] : (await vscode.window.showQuickPick(
      directions.map((value) => ({ label: directionLabels[value], value })), { title: `Translate with ${run.runId}`, placeHolder: 'Which way' }))?.value;
    if (!direction) return;
    const inputs: InputChoice[] = [
      { label: 'An image…', description: 'PNG or JPEG, resized to the run\'s images', folder: false, filters: { Images: ['png', 'jpg', 'jpeg'] } },
      { label: 'A folder of images…', description: 'PNG and JPEG files, and those in its subfolders', folder: true },
      { label: 'An IDX images file…', description: 'MNIST format, optionally .gz, the run\'s image size', folder: false },
    ];
    const kind = await vscode.window.showQuickPick(inputs, { title: `Translate ${directionLabels[direction]} with ${run.runId}`, placeHolder: 'What to translate' });
    if (!kind) return;
    const [input] = await vscode.window.showOpenDialog({
      canSelectFolders: kind.folder, canSelectFiles: !kind.folder, canSelectMany: false, openLabel: 'Translate', ...(kind.filters ? { filters: kind.filters } : {}), ...workspaceUri(),
    }) ?? [];
    if (!input) return;
    const [parent] = await vscode.window.showOpenDialog({
      canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Save Here',
      title: `Folder for ${run.runId}-${direction}/`, ...workspaceUri(),
    }) ?? [];
    if (!parent) return;
    const outDir = path.join(parent.fsPath, `${run.runId}-${direction}`);
    const stored = await readStoredConfig(run.dir);
    const backend = effectiveBackend(services.settings.current.backend, stored.config.backend);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Translating ${directionLabels[direction]} with ${run.runId}…` },
      () => translateInTrainer(services.trainerEntry, chooseTransport(backend, [services.nativeDir]),
        { runDir: run.dir, direction, input: input.fsPath, outDir, backend, nativeSearchDirs: [services.nativeDir] }, (line) => services.log.channel.info(`[translate] ${line}`)),
    );
    services.log.channel.info(`[${run.runId}] translated ${result.count} images ${result.description} (step ${result.step}) into ${outDir}`);
    const open = await vscode.window.showInformationMessage(
      `GAN Studio: translated ${result.count} image${result.count === 1 ? '' : 's'} ${result.description} with ${run.runId} (step ${result.step}) into ${outDir}.`, 'Open First Image');
    if (open && result.files[0]) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(result.files[0]));
  },
});

function workspaceUri(): { defaultUri?: vscode.Uri } {
  const uri = vscode.workspace.workspaceFolders?.[0]?.uri;
  return uri ? { defaultUri: uri } : {};
}
