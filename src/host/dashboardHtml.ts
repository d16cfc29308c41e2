import { escapeHtml } from './html';

export interface DashboardShellInput {
  readonly runDir: string;
  readonly title: string;
  /** webview URIs of dist/webview/dashboard.js and .css */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** webview.cspSource */
  readonly cspSource: string;
  readonly nonce: string;
}

/**
 * The dashboard page: a strict CSP (scripts only with this page's nonce, images, styles and fonts
 * only from the extension and the run folder, nothing remote), the bundle, and the run folder the
 * webview records for restoring the panel after a reload. All content arrives as messages.
 */
export function renderDashboardShell(input: DashboardShellInput): string {
  const { cspSource, nonce } = input;
  const csp = [
    "default-src 'none'", `img-src ${cspSource} data:`, `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`, `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(input.title)}</title>
<link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
</head>
<body data-run-dir="${escapeHtml(input.runDir)}">
<script nonce="${nonce}" src="${escapeHtml(input.scriptUri)}"></script>
</body></html>`;
}
