import type { MetricsRecord } from '../core/run/records';
import { escapeHtml } from './html';
import { formatLoss, formatRate } from './runPresentation';
import type { RunView } from './runView';

export interface RunSummaryInput {
  readonly run: RunView;
  readonly metrics?: MetricsRecord;
  /** webview URI of the latest sample grid, if the run has one. */
  readonly sampleUri?: string;
  /** webview.cspSource: where images and styles may come from. */
  readonly cspSource: string;
  readonly nonce: string;
}

/**
 * The run panel's page: status, progress, the latest losses and D outputs, and the latest sample
 * grid, from the run directory. Every run-controlled string is escaped; the one script (nonce'd)
 * only records which run the panel shows, so the panel comes back after a window reload.
 */
export function renderRunSummary({ run, metrics, sampleUri, cspSource, nonce }: RunSummaryInput): string {
  const rows: [string, string][] = [
    ['Status', run.status + (run.live ? ' (in this window)' : '')],
    ['Step', `${run.step} / ${run.totalSteps}`],
    ...(run.checkpointStep !== undefined ? [['Last checkpoint', `step ${run.checkpointStep}`] as [string, string]] : []),
    ...(run.backend ? [['Backend', run.backend] as [string, string]] : []),
    ...(run.configFile ? [['Config', run.configFile] as [string, string]] : []),
    ['Run folder', run.dir],
    ...(metrics ? metricRows(metrics) : []),
  ];
  const table = rows.map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  const error = run.error ? `<p class="error">${escapeHtml(run.error)}</p>` : '';
  const sample = sampleUri
    ? `<figure><img src="${escapeHtml(sampleUri)}" alt="Samples at step ${run.step}"><figcaption>Samples from the run's fixed noise</figcaption></figure>`
    : '<p>No sample grid yet.</p>';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(run.runId)}</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em; }
th { text-align: left; padding-right: 1.5em; color: var(--vscode-descriptionForeground); font-weight: normal; }
td { font-family: var(--vscode-editor-font-family); }
.error { color: var(--vscode-errorForeground); }
img { image-rendering: pixelated; max-width: 100%; width: 448px; border: 1px solid var(--vscode-panel-border); }
</style></head>
<body data-run-dir="${escapeHtml(run.dir)}"><h2>${escapeHtml(run.runId)}</h2>${error}<table>${table}</table>${sample}
<script nonce="${nonce}">acquireVsCodeApi().setState({ runDir: document.body.dataset.runDir });</script>
</body></html>`;
}

function metricRows(metrics: MetricsRecord): [string, string][] {
  return [
    ['Losses', `D ${formatLoss(metrics.dLoss)} (real ${formatLoss(metrics.dLossReal)}, fake ${formatLoss(metrics.dLossFake)}), G ${formatLoss(metrics.gLoss)}`],
    ['D(x) / D(G(z))', `${formatLoss(metrics.dReal)} / ${formatLoss(metrics.dFake)}`],
    ['Gradient norms', `D ${formatLoss(metrics.gradNormD)}, G ${formatLoss(metrics.gradNormG)}`],
    ['Speed', `${formatRate(metrics.stepsPerSecond)} steps/s`],
  ];
}
