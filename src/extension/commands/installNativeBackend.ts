import * as vscode from 'vscode';
import { nativePackages, type NativeBackend } from '../../core/backend/nativeLoader';
import { installNativeBackend as install, isNativeInstalled, NativeInstallError } from '../../host/nativeInstall';
import { ensureTrusted } from '../trust';
import type { CommandFactory } from './command';

const choices: readonly { backend: NativeBackend; label: string; detail: string }[] = [
  { backend: 'tensorflow-gpu', label: 'GPU (CUDA)', detail: `${nativePackages['tensorflow-gpu']}: NVIDIA GPUs on Linux or Windows; needs CUDA 11.2 and cuDNN 8.1` },
  { backend: 'tensorflow', label: 'CPU (native TensorFlow)', detail: `${nativePackages.tensorflow}: native TensorFlow on the CPU, several times faster than wasm` },
];

/**
 * Installs a native TF.js package with npm into the extension's global storage, where trainers
 * look for it; on failure a specific reason, and the pure-JS backends keep working.
 */
export const installNativeBackend: CommandFactory = (services) => ({
  id: 'ganStudio.installNativeBackend',
  async execute() {
    if (!await ensureTrusted('install a native backend')) return;
    const storageDir = services.context.globalStorageUri.fsPath;
    const picked = await vscode.window.showQuickPick(choices.map((choice) => ({
      ...choice, description: isNativeInstalled(choice.backend, storageDir) ? 'installed' : '',
    })), { placeHolder: 'Native TensorFlow backend to install (downloads several hundred MB)' });
    if (!picked) return;
    const name = nativePackages[picked.backend];
    services.log.show();
    const result = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, title: `Installing ${name}`, cancellable: true,
    }, (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return install({
        backend: picked.backend, storageDir, signal: abort.signal,
        log: (line) => {
          services.log.channel.info(`[install] ${line}`);
          progress.report({ message: line.slice(0, 80) });
        },
      });
    }).then((installed) => installed, async (error: unknown) => {
      if (error instanceof Error && error.name === 'AbortError') return undefined;
      if (!(error instanceof NativeInstallError)) throw error;
      // npm's own output is in the log; the message says what went wrong in a sentence.
      if (await vscode.window.showErrorMessage(`GAN Studio: ${error.message}`, 'Show Log')) services.log.show();
      return undefined;
    });
    if (!result) return;
    void vscode.window.showInformationMessage(
      `GAN Studio: ${name} ${result.version} is installed. New runs with backend "auto" (or "${picked.backend}") train on it, in a separate process.`);
  },
});
