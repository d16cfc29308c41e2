import * as vscode from 'vscode';
import { Throttle } from '../core/util/throttle';
import { DisposableOwner } from '../core/util/disposable';
import type { UnreadableRun } from '../core/run/runReader';
import { discoverRunFolders } from '../host/runFolders';
import type { RunManager, RunManagerEvent } from '../host/runManager';
import { applyEvent, type RunView, type RunsLocation } from '../host/runView';
import { runsDirOf } from '../host/settings';
import type { SettingsService } from './settingsService';

/**
 * Every run the window knows of: read from the runs directories (the source of truth), refreshed
 * when they change on disk, and kept current between reads by the events of this window's trainers.
 */
export class RunsModel extends DisposableOwner {
  private disk: RunView[] = [];
  private unreadableOnDisk: UnreadableRun[] = [];
  private readonly live = new Map<string, RunView>();
  private watchers: vscode.Disposable[] = [];
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fired at most `refreshRate` times a second. */
  readonly onDidChange = this.changed.event;
  private readonly announce: Throttle;
  private readonly reread = this.register(new Throttle(() => void this.refresh(), 1000));
  private reading: Promise<void> = Promise.resolve();

  constructor(private readonly settings: SettingsService, private readonly manager: RunManager) {
    super();
    this.announce = this.register(new Throttle(() => this.changed.fire(), 1000 / settings.current.refreshRate));
    this.register(manager.on((event) => this.onManagerEvent(event)));
    this.register(settings.onDidChange((current) => {
      this.announce.setInterval(1000 / current.refreshRate);
      this.watch();
      this.reread.schedule();
    }));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => {
      this.watch();
      this.reread.schedule();
    }));
    this.register({ dispose: () => this.watchers.forEach((watcher) => watcher.dispose()) });
    this.watch();
  }

  /** The runs, newest first; live state wins over what was last read from disk. */
  get runs(): RunView[] {
    const onDisk = new Set(this.disk.map((run) => run.dir));
    const starting = [...this.live.values()].filter((run) => !onDisk.has(run.dir));
    return [...starting, ...this.disk.map((run) => this.live.get(run.dir) ?? run)];
  }

  find(dir: string): RunView | undefined {
    return this.runs.find((run) => run.dir === dir);
  }

  /** Run folders whose run.json failed its checks (or that link out of bounds), with why: shown, never used. */
  get unreadable(): readonly UnreadableRun[] {
    return this.unreadableOnDisk;
  }

  locations(): RunsLocation[] {
    return (vscode.workspace.workspaceFolders ?? [])
      .filter((folder) => folder.uri.scheme === 'file')
      .map((folder) => ({ label: folder.name, root: folder.uri.fsPath, runsDir: runsDirOf(this.settings.current, folder.uri.fsPath) }));
  }

  /** Re-reads every runs directory; concurrent calls queue so results land in order. */
  refresh(): Promise<void> {
    this.reading = this.reading.then(async () => {
      ({ runs: this.disk, unreadable: this.unreadableOnDisk } = await discoverRunFolders(this.locations()));
      this.announce.schedule();
    }).catch(() => undefined);
    return this.reading;
  }

  private onManagerEvent(event: RunManagerEvent): void {
    if (event.type === 'log') return;
    if (event.type === 'ended') {
      if (event.run.runDir) this.live.delete(event.run.runDir);
      void this.refresh();
      return;
    }
    const dir = event.event.type === 'started' ? event.event.runDir : event.run.runDir;
    if (!dir) return;
    const known = this.live.get(dir) ?? this.disk.find((run) => run.dir === dir);
    if (!known) {
      // A new run: its folder was just written; read it so the view has its whole record.
      void this.refresh().then(() => {
        const read = this.disk.find((run) => run.dir === dir);
        if (read && !this.live.has(dir) && this.manager.active().includes(event.run)) this.live.set(dir, applyEvent(read, event.event));
        this.announce.schedule();
      });
      return;
    }
    this.live.set(dir, applyEvent(known, event.event));
    this.announce.schedule();
  }

  private watch(): void {
    this.watchers.forEach((watcher) => watcher.dispose());
    this.watchers = this.locations().map((location) => {
      const pattern = new vscode.RelativePattern(vscode.Uri.file(location.runsDir), '{*,*/run.json}');
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      const changed = () => this.reread.schedule();
      watcher.onDidCreate(changed);
      watcher.onDidChange(changed);
      watcher.onDidDelete(changed);
      return watcher;
    });
  }
}
