import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './harness/chromium';
import { DashboardPage } from './harness/dashboardPage';
import { digitEvaluation } from './harness/findingsFixture';
import { recordedStream } from './harness/runFixture';
import { themeVariables, type ThemeName } from './harness/themes';

// Screenshots of the dashboard in VS Code's dark, light and high-contrast themes, for a person to
// look at (test/webview/.artifacts/). The theme is switched live, as VS Code does, so this also
// checks that the charts and canvases follow a theme change.

const artifacts = path.join(__dirname, '.artifacts');
const rgb = (hex: string): string => `rgb(${[1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16)).join(', ')})`;
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
  const runDir = stream.snapshot.header.runDir;
  // ring-b was compared before: the restored selection is request 1.
  const dashboard = await DashboardPage.open(browser, { dir, runDir, initialState: { runDir, compare: ['/runs/ring-b'] } }, { width: 1600, height: 960 });
  await dashboard.send(stream.snapshot);
  for (const update of stream.updates) await dashboard.send(update);
  await dashboard.send({ type: 'compareData', requestId: 1, runs: [{ runId: 'ring-b', metrics: stream.snapshot.metrics }] });
  // The active error's evidence and remedies open, as a user reading it would have them.
  await dashboard.page.click('.finding[data-severity=error] summary');
  for (const theme of ['dark', 'light', 'high-contrast'] satisfies ThemeName[]) {
    await dashboard.setTheme(theme);
    await dashboard.page.waitForTimeout(100);
    const file = path.join(artifacts, `dashboard-${theme}.png`);
    await dashboard.page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 10_000);
    assert.equal(await dashboard.page.isVisible('.evaluation-card'), true);
    assert.equal(await dashboard.page.isVisible('.finding[data-severity=error] .evidence'), true);
    const errorIcon = await dashboard.page.$eval('.finding[data-severity=error] .icon-error', (icon) => getComputedStyle(icon).color);
    assert.equal(errorIcon, rgb(themeVariables[theme]['--vscode-editorError-foreground']), `the error icon takes ${theme}'s error colour`);
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

test('a conditional GAN\'s evaluation card (FID and label accuracy) in the light theme', async () => {
  const stream = recordedStream(dir, 300, 0);
  const dashboard = await DashboardPage.open(browser, { dir, runDir: stream.snapshot.header.runDir, theme: 'light' }, { width: 1100, height: 900 });
  await dashboard.send({ ...stream.snapshot, header: { ...stream.snapshot.header, dataKind: 'images' },
    evaluations: [250, 500, 750, 1000, 1500, 2000, 2500].map(digitEvaluation), diagnostics: [] });
  const file = path.join(artifacts, 'evaluation-digits-light.png');
  await dashboard.page.locator('.evaluation-card').screenshot({ path: file });
  assert.ok(fs.statSync(file).size > 5_000);
  assert.deepEqual(await dashboard.problems(), []);
  await dashboard.page.close();
});
