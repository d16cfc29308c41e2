import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Launches the system Chromium (Debian's package), or the one CHROMIUM_PATH names. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`The webview tests need Chromium, and there is none at ${executablePath}. `
      + 'Install Debian\'s chromium package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium executable.');
  }
  return chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}

/**
 * One browser and one temporary folder for a test file: launched before its tests, closed and
 * removed after them. `ready` hands them to the file's own variables.
 */
export function useChromium(prefix: string, ready: (browser: Browser, dir: string) => void): void {
  let browser: Browser | undefined;
  let dir: string | undefined;
  before(async () => {
    browser = await launchChromium();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    ready(browser, dir);
  });
  after(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
}
