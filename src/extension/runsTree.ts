import * as vscode from 'vscode';
import type { UnreadableRun } from '../core/run/runReader';
import { DisposableOwner } from '../core/util/disposable';
import { presentRun, presentUnreadableRun, type RunPresentation } from '../host/runPresentation';
import type { RunView } from '../host/runView';
import type { RunsModel } from './runsModel';

/** A config's runs in the tree. */
export interface ConfigNode {
  readonly kind: 'config';
  readonly label: string;
  readonly runs: readonly RunView[];
}

/** A run in the tree; commands invoked from its context menu receive it. */
export interface RunNode {
  readonly kind: 'run';
  readonly run: RunView;
}

/** A run folder that cannot be read: shown with why, offering nothing (its files are not trusted). */
export interface UnreadableNode {
  readonly kind: 'unreadable';
  readonly run: UnreadableRun;
}

export type RunsTreeNode = ConfigNode | RunNode | UnreadableNode;

export const RUNS_VIEW_ID = 'ganStudio.runs';

/** The "GAN Runs" view: runs grouped by the config they came from, newest first. */
export class RunsTree extends DisposableOwner implements vscode.TreeDataProvider<RunsTreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<RunsTreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: RunsModel) {
    super();
    this.register(model.onDidChange(() => this.changed.fire(undefined)));
  }

  getChildren(node?: RunsTreeNode): RunsTreeNode[] {
    if (node?.kind === 'run' || node?.kind === 'unreadable') return [];
    if (node?.kind === 'config') return node.runs.map((run) => ({ kind: 'run', run }));
    const groups = new Map<string, RunView[]>();
    for (const run of this.model.runs) groups.set(run.group, [...(groups.get(run.group) ?? []), run]);
    return [
      ...[...groups].map(([label, runs]): RunsTreeNode => ({ kind: 'config', label, runs })),
      ...this.model.unreadable.map((run): RunsTreeNode => ({ kind: 'unreadable', run })),
    ];
  }

  getTreeItem(node: RunsTreeNode): vscode.TreeItem {
    if (node.kind === 'config') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `config:${node.label}`;
      item.iconPath = new vscode.ThemeIcon('file-code');
      item.description = `${node.runs.length} run${node.runs.length === 1 ? '' : 's'}`;
      item.contextValue = 'config';
      const file = node.runs.find((run) => run.configFile)?.configFile;
      if (file) item.resourceUri = vscode.Uri.file(file);
      return item;
    }
    if (node.kind === 'unreadable') return runItem(`unreadable:${node.run.dir}`, presentUnreadableRun(node.run));
    const item = runItem(`run:${node.run.dir}`, presentRun(node.run));
    item.command = { command: 'ganStudio.openDashboard', title: 'Open Dashboard', arguments: [node] };
    return item;
  }
}

/** A run's row, readable or not: the same presentation fields either way. */
function runItem(id: string, shown: RunPresentation): vscode.TreeItem {
  const item = new vscode.TreeItem(shown.label, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = shown.description;
  item.tooltip = shown.tooltip;
  item.iconPath = new vscode.ThemeIcon(shown.icon.id, shown.icon.color ? new vscode.ThemeColor(shown.icon.color) : undefined);
  item.contextValue = shown.contextValue;
  return item;
}
