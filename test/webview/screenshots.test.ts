import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './harness/chromium';
import { DashboardPage } from './harness/dashboardPage';
import { recordedStream } from './harness/runFixture';
import type { ThemeName } from './harness/themes';

// Screenshots of the dashboard in VS Code's dark, light and high-contrast themes, for a person to
// look at (test/webview/.artifacts/). The theme is switched live, as VS Code does, so this also
// checks that the charts and canvases follow a theme change.

const artifacts = path.join(__dirname, '.artifacts');
let browser: Browser;
let dir: string;

before(async () => {
  browser = await launchChromium();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-dashboard-shots-'));
  fs.mkdirSync(artifacts, { recursive: true });
});

after(async () => {
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the dashboard in dark, light and high-contrast themes', async () => {
  const stream = recordedStream(dir, 300, 5, [{ runDir: '/runs/ring-b', runId: 'ring-b', status: 'completed', step: 5000 }]);
  const dashboard = await DashboardPage.open(browser, { dir, runDir: stream.snapshot.header.runDir }, { width: 1100, height: 900 });
  await dashboard.send(stream.snapshot);
  for (const update of stream.updates) await dashboard.send(update);
  await dashboard.send({ type: 'compareData', runs: [{ runId: 'ring-b', metrics: stream.snapshot.metrics }] });
  for (const theme of ['dark', 'light', 'high-contrast'] satisfies ThemeName[]) {
    await dashboard.setTheme(theme);
    await dashboard.page.waitForTimeout(100);
    const file = path.join(artifacts, `dashboard-${theme}.png`);
    await dashboard.page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 10_000);
  }
  await dashboard.send({ ...stream.snapshot, version: 100, header: { ...stream.snapshot.header, status: 'failed', live: false,
    error: 'Training diverged at step 2990: generator loss is NaN (learning rate 0.01 is probably too high).' } });
  await dashboard.page.setViewportSize({ width: 560, height: 900 });
  await dashboard.setTheme('dark');
  await dashboard.page.waitForTimeout(100);
  await dashboard.page.screenshot({ path: path.join(artifacts, 'dashboard-narrow-failed.png'), fullPage: true });
  assert.deepEqual(await dashboard.problems(), []);
  await dashboard.page.close();
});
