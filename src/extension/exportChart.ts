import * as vscode from 'vscode';
import * as path from 'node:path';
import { formatBytes } from '../core/util/bytes';
import { exportMetrics, type ExportFormat } from '../host/metricsExport';

/** A chart's values to a file the user picks (CSV or JSON, as TensorBoard's scalar downloads), next to the run by default. */
export async function exportChart(runDir: string, request: { readonly title: string; readonly columns: readonly string[]; readonly format: ExportFormat }): Promise<void> {
  const { title, columns, format } = request;
  const name = `${path.basename(runDir)}-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'metrics'}.${format}`;
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.file(path.join(runDir, name)), saveLabel: 'Export',
    filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] }, title: `Export "${title}" of ${path.basename(runDir)}`,
  });
  if (!target) return;
  const exported = await exportMetrics(runDir, columns, format);
  await vscode.workspace.fs.writeFile(target, Buffer.from(exported.text, 'utf8'));
  const cut = exported.skippedBytes > 0 ? ` (metrics.jsonl's first ${formatBytes(exported.skippedBytes)} left out: too large to read whole)` : '';
  vscode.window.setStatusBarMessage(`GAN Studio: ${exported.rows} rows of "${title}" written to ${path.basename(target.fsPath)}${cut}`, 8000);
}
