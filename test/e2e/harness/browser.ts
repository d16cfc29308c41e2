// Opens Debian's chromium (headless) on a code-server URL and hands back the page.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHROMIUM_PATH, RUNS_DIR, makeRunDir, requireInstalled } from './paths';
import { definedEnv, isolatedEnv } from './processes';
import { loadPlaywright, type BrowserContext, type Page } from './playwright';

export interface BrowserSession {
  page: Page;
  context: BrowserContext;
  profileDir: string;
  /** Browser console errors and page errors seen so far, for diagnosing a failed test. */
  consoleErrors: string[];
  /**
   * URLs of requests that went to anything but the local server (all pages, iframes and
   * workers of the context). Without internet they fail, so a non-empty list means
   * something still tries to go online — a setting or flag to add, or an extension bug.
   */
  externalRequests: string[];
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** Folder for the browser profile and HOME; a fresh one under .work/runs by default. */
  profileDir?: string;
  viewport?: { width: number; height: number };
}

/**
 * Flags that keep chromium from reaching outside hosts or needing what a container lacks:
 * no sandbox (runs as root, no user namespaces), no GPU, no QUIC, and none of the
 * background services (component updater, sync, first-run) that phone home.
 * --no-proxy-server: everything is on 127.0.0.1; an inherited proxy setting must not
 * route the workbench through a proxy.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-proxy-server',
];

export async function openBrowser(url: string, options: BrowserOptions = {}): Promise<BrowserSession> {
  requireInstalled(CHROMIUM_PATH);
  const profileDir = options.profileDir ?? makeRunDir(RUNS_DIR, 'chromium');
  const homeDir = path.join(profileDir, 'home');
  fs.mkdirSync(homeDir, { recursive: true });
  const { chromium } = loadPlaywright();
  // launchPersistentContext: a real profile folder, so chromium writes nothing into the
  // home folder's default profile; HOME is moved too because chromium also keeps its NSS
  // database (~/.pki) and crash reports there.
  const context = await chromium.launchPersistentContext(path.join(profileDir, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    env: definedEnv(isolatedEnv(homeDir)),
    viewport: options.viewport ?? { width: 1600, height: 1000 },
  });
  const externalRequests: string[] = [];
  const serverHost = new URL(url).host;
  const isExternal = (requestUrl: string): boolean => {
    const target = new URL(requestUrl);
    return /^(https?|wss?):$/.test(target.protocol) && target.host !== serverHost;
  };
  // Webview resources are requested from https://*.vscode-resource.vscode-cdn.net/… but
  // answered by the webview's service worker from the local server; only requests that
  // failed (went to the network and found none) or were answered by something other than
  // a service worker left the machine.
  context.on('requestfailed', (request) => {
    if (isExternal(request.url())) externalRequests.push(request.url());
  });
  context.on('requestfinished', (request) => {
    if (!isExternal(request.url())) return;
    void request.response().then((response) => {
      if (response === null || !response.fromServiceWorker()) externalRequests.push(request.url());
    });
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  await page.goto(url);
  return {
    page,
    context,
    profileDir,
    consoleErrors,
    externalRequests,
    close: () => context.close(),
  };
}
