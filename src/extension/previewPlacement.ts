import * as vscode from 'vscode';
import { DisposableOwner } from '../core/util/disposable';
import type { DashboardPanels } from './dashboardPanels';

/** The built-in markdown preview's webview type, as the tab API reports it (with or without the host's prefix). */
const PREVIEW_VIEW_TYPE = /(^|-)markdown\.preview$/;
/** The tab and view-state events of one open arrive in either order, and a preview still loading can lose its first render to a relayout: look once it has settled. */
const SETTLE_MS = 1500;

/**
 * Keeps a run's dashboard in view when a markdown preview opens over it: "Open Preview to the
 * Side" from a note lands in the group beside the note, which is where the dashboard opened.
 */
export class PreviewPlacement extends DisposableOwner {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(panels: DashboardPanels) {
    super();
    this.register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    this.register(vscode.window.tabGroups.onDidChangeTabs(({ opened }) => {
      for (const tab of opened) {
        if (!(tab.input instanceof vscode.TabInputWebview) || !PREVIEW_VIEW_TYPE.test(tab.input.viewType)) continue;
        const column = tab.group.viewColumn;
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          panels.uncover(column);
        }, SETTLE_MS);
        this.timers.add(timer);
      }
    }));
  }
}
