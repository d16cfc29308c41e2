import * as vscode from 'vscode';
import type { EncodeSource } from '../../core/train/encodeRun';
import { readStoredConfig } from '../../core/run/runReader';
import { chooseTransport, effectiveBackend } from '../../host/transport';
import { encodeInTrainer } from '../../trainer/jobs';
import { ensureTrusted } from '../trust';
import type { CommandFactory } from './command';
import { resolveRun } from './runTarget';

interface SourceChoice extends vscode.QuickPickItem {
  readonly pick: () => Promise<EncodeSource | undefined>;
}

/** Writes the codes E(x) of a run's encoder (BiGAN) for examples the user chooses to a CSV or JSON file. */
export const encodeRun: CommandFactory = (services) => ({
  id: 'ganStudio.encodeRun',
  async execute(arg?: unknown) {
    if (!await ensureTrusted('encode with a run\'s encoder')) return;
    const run = await resolveRun(services.runs, arg, (candidate) => candidate.checkpointStep !== undefined && (candidate.networks?.includes('encoder') ?? false), 'encode');
    if (!run) return;
    const choices: SourceChoice[] = [
      { label: 'Held-out examples', description: 'every 5th example of each class, the ones evaluation measures', pick: async () => ({ kind: 'held-out' }) },
      { label: 'All of the run\'s data', pick: async () => ({ kind: 'all' }) },
      { label: 'A folder of images…', description: 'the same size as the run\'s', pick: async () => pickPath(true, 'folder') },
      { label: 'An IDX images file…', description: 'MNIST format, optionally .gz', pick: async () => pickPath(false, 'idx') },
    ];
    const choice = await vscode.window.showQuickPick(choices, { title: `Encode with ${run.runId}'s encoder`, placeHolder: 'What to encode' });
    const source = await choice?.pick();
    if (!source) return;
    const target = await vscode.window.showSaveDialog({
      title: 'Save the codes', filters: { 'CSV': ['csv'], 'JSON': ['json'] },
      ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, `${run.runId}-codes.csv`) } : {}),
    });
    if (!target) return;
    const stored = await readStoredConfig(run.dir);
    const backend = effectiveBackend(services.settings.current.backend, stored.config.backend);
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Encoding with the encoder of ${run.runId}…` },
      () => encodeInTrainer(services.trainerEntry, chooseTransport(backend, [services.nativeDir]),
        { runDir: run.dir, outFile: target.fsPath, source, backend, nativeSearchDirs: [services.nativeDir] }, (line) => services.log.channel.info(`[encode] ${line}`)),
    );
    services.log.channel.info(`[${run.runId}] encoded ${result.count} examples (${result.description}) at step ${result.step} to ${result.file}`);
    const open = await vscode.window.showInformationMessage(
      `GAN Studio: encoded ${result.count} examples (${result.description}) with ${run.runId} (step ${result.step}).`, 'Open Codes');
    if (open) await vscode.window.showTextDocument(target);
  },
});

async function pickPath(folder: boolean, kind: 'folder' | 'idx'): Promise<EncodeSource | undefined> {
  const [uri] = await vscode.window.showOpenDialog({
    canSelectFolders: folder, canSelectFiles: !folder, canSelectMany: false, openLabel: 'Encode',
  }) ?? [];
  return uri ? { kind, path: uri.fsPath } : undefined;
}
