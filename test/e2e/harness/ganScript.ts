// What every GAN Studio e2e script shares: a fixture workspace copy, the packaged extension in a
// code-server, named steps with a screenshot each, one "N passed, N failed" line, and finding a
// webview by what it shows (panels have no fixed DOM order).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openBrowser } from './browser';
import { startCodeServer, type CodeServerInstance, type CodeServerOptions } from './codeServer';
import { packageExtension } from './packageExtension';
import { ARTIFACTS_DIR, E2E_DIR, REPO_ROOT, RUNS_DIR, makeRunDir } from './paths';
import type { FrameLocator, Page } from './playwright';
import { takeScreenshot } from './screenshots';
import { pollUntil } from './waiting';
import { webviewContent } from './webview';

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export interface GanScriptContext {
  readonly page: Page;
  readonly server: CodeServerInstance;
  /** The copy of fixtures/gan-workspace the window has open. */
  readonly workspace: string;
  /** Runs a named test: its outcome is printed and counted, and a screenshot taken. */
  step(name: string, body: () => Promise<void>): Promise<void>;
  /** A screenshot of the window now, among the steps' own (a theme's look, say). */
  screenshot(name: string): Promise<void>;
}

/** What a script sets up: code-server's options, and the browser window's size (1600×1000 unless given). */
export type GanScriptOptions = Partial<CodeServerOptions> & { readonly viewport?: { readonly width: number; readonly height: number } };

/**
 * Runs `body` against GAN Studio, packaged from this checkout, in a fresh code-server on a copy of
 * the fixture workspace, then prints the summary line and exits (non-zero on any failure).
 */
export function runGanScript(label: string, scriptOptions: GanScriptOptions, body: (context: GanScriptContext) => Promise<void>): void {
  const { viewport, ...options } = scriptOptions;
  void (async () => {
    const artifacts = makeRunDir(ARTIFACTS_DIR, label);
    const workspace = path.join(makeRunDir(RUNS_DIR, `gan-${label}`), 'ws');
    fs.cpSync(path.join(E2E_DIR, 'fixtures', 'gan-workspace'), workspace, { recursive: true });
    const vsix = await packageExtension(REPO_ROOT);
    const server = await startCodeServer({ ...options, workspaceFolder: workspace, vsixFiles: [vsix], label });
    const session = await openBrowser(server.url, viewport ? { viewport } : {});
    const { page } = session;
    let [passed, failed] = [0, 0];
    const step = async (name: string, test: () => Promise<void>) => {
      const started = Date.now();
      try {
        await test();
        passed++;
        console.log(`  ok    ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed++;
        console.log(`  FAIL  ${name}\n        ${String(error instanceof Error ? error.message : error).replace(/\n/g, '\n        ')}`);
      }
      await takeScreenshot(page, artifacts, name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()).catch(() => undefined);
    };
    try {
      const screenshot = async (name: string) => void await takeScreenshot(page, artifacts, name);
      await body({ page, server, workspace, step, screenshot });
    } finally {
      await session.close().catch(() => undefined);
      await server.stop();
    }
    console.log(`artifacts: ${artifacts}`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/** The first webview whose content matches `has` (checked across all webview frames until found). */
export async function findWebview(page: Page, has: (frame: FrameLocator) => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<FrameLocator> {
  const frames = page.locator('iframe.webview.ready');
  return pollUntil(async () => {
    for (let at = 0; at < await frames.count(); at++) {
      const frame = webviewContent(page, at);
      if (await has(frame).catch(() => false)) return frame;
    }
    return undefined;
  }, { timeoutMs, describe: async () => `no webview shows ${what} (${await frames.count()} webviews)` });
}
