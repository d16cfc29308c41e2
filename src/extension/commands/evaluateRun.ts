import * as vscode from 'vscode';
import { evaluationSummary } from '../../core/eval/reportText';
import { readStoredConfig } from '../../core/run/runReader';
import { chooseTransport, effectiveBackend } from '../../host/transport';
import { evaluateInTrainer } from '../../trainer/jobs';
import { ensureTrusted } from '../trust';
import type { CommandFactory } from './command';
import { resolveRun } from './runTarget';

/**
 * Measures a run's generator as of its latest checkpoint (modes covered, FID, label and code
 * accuracy) in a trainer; the result goes into the run's metrics.jsonl, so its dashboard shows it.
 */
export const evaluateRun: CommandFactory = (services) => ({
  id: 'ganStudio.evaluateRun',
  async execute(arg?: unknown) {
    if (!await ensureTrusted('evaluate a run')) return;
    const run = await resolveRun(services.runs, arg, (candidate) => candidate.checkpointStep !== undefined, 'evaluate');
    if (!run) return;
    const stored = await readStoredConfig(run.dir);
    const backend = effectiveBackend(services.settings.current.backend, stored.config.backend);
    const record = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Evaluating the generator of ${run.runId}…` },
      () => evaluateInTrainer(services.trainerEntry, chooseTransport(backend, [services.nativeDir]),
        { runDir: run.dir, backend, nativeSearchDirs: [services.nativeDir] }, (line) => services.log.channel.info(`[evaluate] ${line}`)),
    );
    const summary = evaluationSummary(record);
    services.log.channel.info(`[${run.runId}] evaluation at step ${record.step} (${record.samples} samples, ${record.seconds} s): ${summary}`);
    const choice = await vscode.window.showInformationMessage(`GAN Studio: ${run.runId} at step ${record.step}: ${summary}`, 'Open Dashboard');
    if (choice) await vscode.commands.executeCommand('ganStudio.openDashboard', run.dir);
  },
});
