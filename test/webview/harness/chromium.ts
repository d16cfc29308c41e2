import * as fs from 'node:fs';
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
