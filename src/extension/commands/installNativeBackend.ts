import * as vscode from 'vscode';
import {
  installableBackends, installNativeBackend as install, isNativeInstalled, NativeInstallError, type InstallableBackend,
} from '../../host/nativeInstall';
import { ensureTrusted } from '../trust';
import type { CommandFactory } from './command';

const packageOf = (backend: InstallableBackend) => `${installableBackends[backend].name}@${installableBackends[backend].version}`;

const choices: readonly { backend: InstallableBackend; label: string; detail: string }[] = [
  { backend: 'tensorflow-gpu', label: 'GPU (CUDA)', detail: `${packageOf('tensorflow-gpu')}: NVIDIA GPUs on Linux or Windows; needs CUDA 11.2 and cuDNN 8.1` },
  { backend: 'webgpu', label: 'GPU (WebGPU, any Vulkan GPU)', detail: `${packageOf('webgpu')}: NVIDIA, AMD and Intel GPUs through Vulkan; ~50 MB, no CUDA needed` },
  { backend: 'tensorflow', label: 'CPU (native TensorFlow)', detail: `${packageOf('tensorflow')}: native TensorFlow on the CPU, several times faster than wasm` },
];

/**
 * Installs a native TF.js package or Dawn (WebGPU) with npm into the extension's global storage,
 * where trainers look for it; on failure a specific reason, and the pure-JS backends keep working.
 */
export const installNativeBackend: CommandFactory = (services) => ({
  id: 'ganStudio.installNativeBackend',
  async execute() {
    if (!await ensureTrusted('install a native backend')) return;
    const storageDir = services.context.globalStorageUri.fsPath;
    const picked = await vscode.window.showQuickPick(choices.map((choice) => ({
      ...choice, description: isNativeInstalled(choice.backend, storageDir) ? 'installed' : '',
    })), { placeHolder: 'Backend to install (WebGPU downloads ~50 MB, native TensorFlow several hundred)' });
    if (!picked) return;
    const name = installableBackends[picked.backend].name;
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
    // Not ready (Dawn found no GPU): installed all the same, but the user has a driver to install.
    const show = result.verdict.ready ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(`GAN Studio: ${result.verdict.message}`);
  },
});
