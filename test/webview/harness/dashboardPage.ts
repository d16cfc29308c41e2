import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { DashboardToHost, HostToDashboard } from '../../../src/protocol/dashboardMessages';
import { themeBodyClass, themeVariables } from './themes';
import type { ThemeName } from './themes';

const distDir = path.resolve(__dirname, '../../../dist/webview');

/** What the fake VS Code API and the CSP listener record inside the page. */
interface HarnessWindow {
  __posted: DashboardToHost[];
  __state: unknown;
  __problems: string[];
}

export interface PageOptions {
  readonly dir: string;
  readonly runDir: string;
  readonly theme?: ThemeName;
  /** What getState returns at start, as after the page was dropped while hidden. */
  readonly initialState?: unknown;
}

/**
 * Writes a page like the one the host serves: dashboard.css by <link>, dashboard.js by a nonce'd
 * script, the host's CSP with `file:` as the webview's cspSource (the sample PNGs are file URIs),
 * and before the bundle a fake acquireVsCodeApi that records posted messages and state.
 */
export function writeDashboardPage({ dir, runDir, theme = 'dark', initialState }: PageOptions): string {
  const nonce = randomBytes(16).toString('base64');
  const cspSource = 'file:';
  const csp = `default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; font-src ${cspSource}`;
  const harness = `
    window.__posted = []; window.__state = ${JSON.stringify(initialState ?? null)} ?? undefined; window.__problems = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__problems.push('CSP violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI);
    });
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
      getState: () => window.__state,
      setState: (state) => { window.__state = state; },
    });
    ${applyThemeSource(theme)}`;
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<script nonce="${nonce}">${harness}</script>
<link rel="stylesheet" href="${pathToFileURL(path.join(distDir, 'dashboard.css')).href}">
<title>GAN Studio dashboard</title>
</head>
<body class="${themeBodyClass[theme]}" data-run-dir="${escapeHtml(runDir)}">
<script nonce="${nonce}" src="${pathToFileURL(path.join(distDir, 'dashboard.js')).href}"></script>
</body>
</html>`;
  const file = path.join(dir, 'dashboard.html');
  fs.writeFileSync(file, html);
  return file;
}

/**
 * Script text that sets a theme the way VS Code does: --vscode-* variables on <html>, a class on
 * <body>. Kept as source text: it runs in the page, and a compiled function could reference helpers
 * the page lacks.
 */
function applyThemeSource(theme: ThemeName): string {
  return `((variables, bodyClass) => {
    const root = document.documentElement;
    for (let i = root.style.length - 1; i >= 0; i--) {
      const name = root.style.item(i);
      if (name.startsWith('--vscode-')) root.style.removeProperty(name);
    }
    for (const [name, value] of Object.entries(variables)) root.style.setProperty(name, value);
    const setClass = () => {
      document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast');
      document.body.classList.add(bodyClass);
    };
    if (document.body) setClass();
    else document.addEventListener('DOMContentLoaded', setClass);
  })(${JSON.stringify(themeVariables[theme])}, ${JSON.stringify(themeBodyClass[theme])});`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A loaded dashboard page and the ways a test talks to it as the host would. */
export class DashboardPage {
  private readonly consoleErrors: string[] = [];

  private constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.consoleErrors.push(`page error: ${error.message}`));
  }

  static async open(browser: Browser, options: PageOptions, viewport = { width: 1200, height: 1400 }): Promise<DashboardPage> {
    const page = await browser.newPage({ viewport });
    const dashboard = new DashboardPage(page);
    await page.goto(pathToFileURL(writeDashboardPage(options)).href);
    await dashboard.settle();
    return dashboard;
  }

  /** Opens a page and delivers `messages` in order, as a host answering `ready` and then streaming would. */
  static async openWith(browser: Browser, options: PageOptions, messages: readonly HostToDashboard[]): Promise<DashboardPage> {
    const dashboard = await DashboardPage.open(browser, options);
    for (const message of messages) await dashboard.send(message);
    return dashboard;
  }

  /** Delivers a host message the way VS Code does: a `message` event on window. */
  async send(message: HostToDashboard): Promise<void> {
    await this.page.evaluate((data) => window.postMessage(data, '*'), message);
    await this.settle();
  }

  /** Waits until pending messages are handled and the next frame is drawn. */
  async settle(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((resolve) => {
      setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve())), 0);
    }));
  }

  async posted(): Promise<DashboardToHost[]> {
    return this.page.evaluate(() => (window as unknown as HarnessWindow).__posted);
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => { (window as unknown as HarnessWindow).__posted = []; });
  }

  async persistedState(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as HarnessWindow).__state);
  }

  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  async problems(): Promise<string[]> {
    const inPage = await this.page.evaluate(() => (window as unknown as HarnessWindow).__problems);
    return [...this.consoleErrors, ...inPage];
  }

  async setTheme(theme: ThemeName): Promise<void> {
    await this.page.evaluate(applyThemeSource(theme));
    await this.settle();
  }
}
