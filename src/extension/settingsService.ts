import * as vscode from 'vscode';
import { DisposableOwner } from '../core/util/disposable';
import { readSettings, SETTINGS_SECTION, type ExtensionSettings } from '../host/settings';

/** The settings as an immutable snapshot, replaced (and announced) when the user changes them. */
export class SettingsService extends DisposableOwner {
  private snapshot = SettingsService.read();
  private readonly changed = this.register(new vscode.EventEmitter<ExtensionSettings>());
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this.register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
      this.snapshot = SettingsService.read();
      this.changed.fire(this.snapshot);
    }));
  }

  get current(): ExtensionSettings {
    return this.snapshot;
  }

  private static read(): ExtensionSettings {
    const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    return readSettings((key) => configuration.get(key));
  }
}
