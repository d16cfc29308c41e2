import * as vscode from 'vscode';
import { DisposableOwner } from '../core/util/disposable';
import { presentRun } from '../host/runPresentation';
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

export type RunsTreeNode = ConfigNode | RunNode;

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
    if (node?.kind === 'run') return [];
    if (node?.kind === 'config') return node.runs.map((run) => ({ kind: 'run', run }));
    const groups = new Map<string, RunView[]>();
    for (const run of this.model.runs) groups.set(run.group, [...(groups.get(run.group) ?? []), run]);
    return [...groups].map(([label, runs]) => ({ kind: 'config', label, runs }));
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
    const shown = presentRun(node.run);
    const item = new vscode.TreeItem(shown.label, vscode.TreeItemCollapsibleState.None);
    item.id = `run:${node.run.dir}`;
    item.description = shown.description;
    item.tooltip = shown.tooltip;
    item.iconPath = new vscode.ThemeIcon(shown.icon.id, shown.icon.color ? new vscode.ThemeColor(shown.icon.color) : undefined);
    item.contextValue = shown.contextValue;
    item.command = { command: 'ganStudio.openDashboard', title: 'Open Dashboard', arguments: [node] };
    return item;
  }
}
