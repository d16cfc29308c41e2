import * as vscode from 'vscode';
import { nativeInstallDir } from '../host/nativeInstall';
import type MarkdownIt from 'markdown-it';
import { ganPreviewPlugin } from '../host/notes/previewPlugin';
import { RunManager } from '../host/runManager';
import { registerCommand } from './commands/command';
import { commandFactories } from './commands';
import { CONFIG_SELECTOR, ConfigCodeLens } from './configCodeLens';
import { ConfigDiagnostics } from './configDiagnostics';
import { DashboardPanels } from './dashboardPanels';
import { InterruptedRunsOffer } from './interruptedRunsOffer';
import { NoteCodeLens } from './notes/noteCodeLens';
import { NoteHover } from './notes/noteHover';
import { NotePreviews } from './notes/notePreviews';
import { OutputLog } from './outputLog';
import { RunNotifications } from './runNotifications';
import { RunsModel } from './runsModel';
import { RUNS_VIEW_ID, RunsTree } from './runsTree';
import type { Services } from './services';
import { SettingsService } from './settingsService';
import { TrainingStatusBar } from './statusBar';

let manager: RunManager | undefined;

/** Set by the bundle's first and last lines (scripts/build.mjs): activation figures include loading the modules. */
declare const __ganStudioLoadStart: number | undefined;
declare const __ganStudioLoadEnd: number | undefined;
const loadStarted = typeof __ganStudioLoadStart === 'number' ? __ganStudioLoadStart : performance.now();

/** Wires the pieces together; TF.js is never loaded here (training runs in trainers). */
export function activate(context: vscode.ExtensionContext): { extendMarkdownIt(md: MarkdownIt): MarkdownIt } {
  const activateStarted = performance.now();
  const own = <T extends vscode.Disposable>(item: T): T => { context.subscriptions.push(item); return item; };
  const settings = own(new SettingsService());
  const nativeDir = nativeInstallDir(context.globalStorageUri.fsPath);
  manager = new RunManager(context.asAbsolutePath('dist/trainer.js'), () => ({ ...settings.current, nativeSearchDirs: [nativeDir] }));
  const log = own(new OutputLog(manager));
  const runs = own(new RunsModel(settings, manager));
  const services: Services = {
    context, settings, runs, manager, log, nativeDir,
    dashboards: own(new DashboardPanels(runs, manager, settings, context.extensionUri, log.channel)),
    trainerEntry: context.asAbsolutePath('dist/trainer.js'),
  };
  for (const factory of commandFactories) own(registerCommand(factory(services), services));
  own(vscode.window.createTreeView(RUNS_VIEW_ID, { treeDataProvider: own(new RunsTree(runs)), showCollapseAll: true }));
  own(new TrainingStatusBar(runs));
  own(new RunNotifications(manager, log, (runDir) => services.dashboards.isShown(runDir)));
  own(vscode.languages.registerCodeLensProvider(CONFIG_SELECTOR, own(new ConfigCodeLens(runs))));
  own(new ConfigDiagnostics(() => runs.runs, context.asAbsolutePath('dist/configValidator.js')));
  own(vscode.languages.registerCodeLensProvider({ language: 'markdown', scheme: 'file' }, own(new NoteCodeLens(runs))));
  own(vscode.languages.registerHoverProvider({ language: 'markdown', scheme: 'file' }, new NoteHover(runs)));
  const previews = own(new NotePreviews(runs));
  own(new InterruptedRunsOffer(context, runs, manager, log.channel));
  const now = performance.now();
  const loaded = typeof __ganStudioLoadEnd === 'number' ? __ganStudioLoadEnd : activateStarted;
  const activated = { extendMarkdownIt: (md: MarkdownIt) => { ganPreviewPlugin(md, previews); return md; } };
  log.channel.info(`GAN Studio activated: evaluating the bundle ${(loaded - loadStarted).toFixed(1)} ms, ` +
    `activate() ${(now - activateStarted).toFixed(1)} ms (${(now - loadStarted).toFixed(1)} ms from load to ready, the host's own work between included)`);
  // The built-in markdown preview calls this to add the gan block renderer.
  return activated;
}

/** Stops this window's trainers at a step boundary with a checkpoint, so their runs resume later. */
export async function deactivate(): Promise<void> {
  await manager?.shutdown(3000);
  manager = undefined;
}
