import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { DashboardToHost } from '../../src/protocol/dashboardMessages';
import { useChromium } from './harness/chromium';
import { DashboardPage } from './harness/dashboardPage';
import { canvasInk } from './harness/pagePixels';
import { recordedStream, runHeader, writeSampleFrame } from './harness/runFixture';

// The dashboard bundle in a real Chromium under the host's CSP, fed a recorded message stream.
// Needs `npm run build` first (it loads dist/webview/dashboard.js).

let browser: Browser;
let dir: string;

useChromium('gan-dashboard-', (launched, folder) => { browser = launched; dir = folder; });

async function openWithStream(): Promise<{ dashboard: DashboardPage; stream: ReturnType<typeof recordedStream> }> {
  const stream = recordedStream(dir);
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir: stream.snapshot.header.runDir }, [stream.snapshot, ...stream.updates]);
  return { dashboard, stream };
}

test('handshake: ready is posted first and the run folder is persisted for restore', async () => {
  const dashboard = await DashboardPage.open(browser, { dir, runDir: '/runs/a "quoted" <dir>' });
  const posted = await dashboard.posted();
  assert.deepEqual(posted[0], { type: 'ready' });
  assert.deepEqual(await dashboard.persistedState(), { runDir: '/runs/a "quoted" <dir>' });
  assert.deepEqual(await dashboard.problems(), []);
  await dashboard.page.close();
});

test('a recorded stream fills the header, charts, histogram, samples and plane', async () => {
  const { dashboard, stream } = await openWithStream();
  const { page } = dashboard;
  const last = stream.updates[stream.updates.length - 1];
  assert.equal(await page.textContent('.run-name'), 'Ring of Gaussians');
  assert.equal(await page.textContent('.status-badge'), 'running');
  assert.match(await page.textContent('.run-meta') ?? '', new RegExp(`step ${last.header.step.toLocaleString('en-US')} / 5,000`));
  assert.match(await page.textContent('.run-meta') ?? '', /it\/s.*ETA/);

  const totalRows = stream.snapshot.metrics.steps.length + stream.updates.length * 10;
  const charts = await page.$$eval('.chart', (nodes) => nodes.map((node) => ({ rows: node.getAttribute('data-rows'), series: node.getAttribute('data-series') })));
  assert.deepEqual(charts, [{ rows: String(totalRows), series: '5' }, { rows: String(totalRows), series: '2' }]);
  const chartInk = await canvasInk(page, '.chart canvas');
  assert.equal(chartInk.canvases, 2);
  assert.ok(chartInk.inked > 5000, `chart canvases are drawn (${chartInk.inked} pixels)`);

  const histogramInk = await canvasInk(page, '.histogram-card canvas');
  assert.ok(histogramInk.inked > 2000 && histogramInk.colours > 3, `histogram is drawn (${JSON.stringify(histogramInk)})`);
  const planeInk = await canvasInk(page, '.plane-card canvas:not(.scale-bar)');
  assert.ok(planeInk.inked > 10000 && planeInk.colours > 20, `plane is drawn (${JSON.stringify(planeInk)})`);
  assert.equal(await page.isVisible('.plane-card'), true);

  const frames = stream.snapshot.samples;
  const src = (): Promise<string | null> => page.getAttribute('.sample-grid', 'src');
  assert.equal(await src(), frames[frames.length - 1].uri, 'follows the latest frame');
  assert.equal(await page.evaluate(() => document.querySelector<HTMLImageElement>('.sample-grid')?.naturalWidth), 64, 'the PNG loads under the CSP');
  await page.focus('.samples-card input[type=range]');
  await page.keyboard.press('Home');
  assert.equal(await src(), frames[0].uri, 'the slider (by keyboard) picks an earlier frame');
  await page.keyboard.press('ArrowRight');
  assert.equal(await src(), frames[1].uri);
  const newFrame = writeSampleFrame(dir, 99_990);
  await dashboard.send({ ...stream.updates[0], version: stream.updates.length + 2, samples: [newFrame], metrics: { steps: [], values: {} }, histograms: [] });
  assert.equal(await src(), frames[1].uri, 'a scrubbed slider stays where the user put it');
  await page.click('.samples-card vscode-button:has-text("Latest")');
  assert.equal(await src(), newFrame.uri);
  await page.focus('.samples-card input[type=range]');
  await page.keyboard.press('Home');
  await page.click('.samples-card vscode-button:has-text("Play")');
  assert.equal(await page.textContent('.samples-card .scrubber vscode-button'), 'Pause');
  const seen = new Set<string | null>();
  for (let poll = 0; poll < 20 && (await page.textContent('.samples-card .scrubber vscode-button')) === 'Pause'; poll++) {
    seen.add(await src());
    await page.waitForTimeout(50);
  }
  assert.ok(seen.size >= 3, `playing steps through the frames (${seen.size} seen)`);
  assert.equal(await src(), newFrame.uri, 'playing ends on the latest frame, following again');
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('a version gap asks the host to resync and the next snapshot is applied', async () => {
  const { dashboard, stream } = await openWithStream();
  await dashboard.clearPosted();
  const next = stream.updates.length + 3; // one version skipped
  await dashboard.send({ ...stream.updates[0], version: next });
  assert.deepEqual(await dashboard.posted(), [{ type: 'resync' }]);
  await dashboard.send({ ...stream.updates[0], version: next + 1 });
  assert.deepEqual(await dashboard.posted(), [{ type: 'resync' }], 'one resync per gap, later updates wait for the snapshot');
  await dashboard.send({ ...stream.snapshot, version: 40, header: runHeader({ step: 123, name: 'after resync' }) });
  assert.equal(await dashboard.page.textContent('.run-name'), 'after resync');
  assert.equal(await dashboard.page.getAttribute('.chart', 'data-rows'), String(stream.snapshot.metrics.steps.length));
  assert.deepEqual(await dashboard.problems(), []);
  await dashboard.page.close();
});

test('header controls: only the applicable ones show, and each posts its message', async () => {
  const { dashboard, stream } = await openWithStream();
  const { page } = dashboard;
  const visibleButtons = (): Promise<string[]> => page.$$eval('.run-actions vscode-button', (nodes) =>
    nodes.filter((node) => !(node as HTMLElement).hidden).map((node) => node.textContent ?? ''));
  const header = (overrides: Parameters<typeof runHeader>[0]): typeof stream.snapshot => ({ ...stream.snapshot, version: 50, header: runHeader(overrides) });

  assert.deepEqual(await visibleButtons(), ['Pause', 'Stop', 'Snapshot to note', 'Open Run Folder']);
  await dashboard.clearPosted();
  for (const label of ['Pause', 'Stop', 'Open Run Folder']) await page.click(`.run-actions vscode-button:has-text("${label}")`);
  await page.click('.run-actions vscode-button:has-text("Snapshot to note")');
  const shownStep = stream.snapshot.samples[stream.snapshot.samples.length - 1].step;
  assert.deepEqual(await dashboard.posted(), [
    { type: 'control', action: 'pause' }, { type: 'control', action: 'stop' }, { type: 'openRunFolder' },
    { type: 'snapshotToNote', step: shownStep },
  ] satisfies DashboardToHost[]);

  await dashboard.send(header({ status: 'paused' }));
  assert.deepEqual(await visibleButtons(), ['Resume', 'Stop', 'Snapshot to note', 'Open Run Folder']);
  await dashboard.clearPosted();
  await page.click('.run-actions vscode-button:has-text("Resume")');
  assert.deepEqual(await dashboard.posted(), [{ type: 'control', action: 'resume' }]);

  await dashboard.send({ ...header({ status: 'running', live: false }), canSnapshotToNote: false });
  assert.deepEqual(await visibleButtons(), ['Open Run Folder'], 'a run this window does not train offers no controls');
  await dashboard.send(header({ status: 'completed', live: true }));
  assert.deepEqual(await visibleButtons(), ['Snapshot to note', 'Open Run Folder']);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('run names, errors, backends and compared run ids render as text, never as markup', async () => {
  const payload = '<img src=x onerror=window.__pwned=1><b>bold</b>';
  const stream = recordedStream(dir);
  const dashboard = await DashboardPage.open(browser, { dir, runDir: payload });
  const { page } = dashboard;
  await dashboard.send({
    ...stream.snapshot,
    header: runHeader({ runId: `id${payload}`, name: `name${payload}`, error: `error${payload}`, backend: `wasm${payload}`, status: 'failed' }),
    compare: [{ runDir: `/runs/${payload}`, runId: `other${payload}`, status: 'completed', step: 10 }],
  });
  await dashboard.send({ type: 'compareData', runs: [{ runId: `other${payload}`, metrics: stream.snapshot.metrics }] });
  assert.equal(await page.textContent('.run-name'), `name${payload}`);
  assert.equal(await page.textContent('.run-id'), `id${payload}`);
  assert.equal(await page.textContent('.error-banner'), `error${payload}`);
  assert.equal(await page.isVisible('.error-banner'), true);
  assert.match(await page.textContent('.run-meta') ?? '', /backend: wasm<img/);
  assert.match(await page.textContent('.u-legend') ?? '', /other<img src=x onerror=window.__pwned=1><b>bold<\/b> G loss/);
  assert.match(await page.textContent('vscode-multi-select') ?? '', /other<img/);
  assert.equal(await page.$$eval('img:not(.sample-grid), b', (nodes) => nodes.length), 0, 'no element was created from the payload');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('compare: picking runs posts their folders; compareData overlays dashed curves; clearing removes them', async () => {
  const stream = recordedStream(dir, 300, 0, [
    { runDir: '/runs/ring-b', runId: 'ring-b', status: 'completed', step: 5000 },
    { runDir: '/runs/ring-c', runId: 'ring-c', status: 'stopped', step: 1200 },
  ]);
  const dashboard = await DashboardPage.open(browser, { dir, runDir: stream.snapshot.header.runDir });
  const { page } = dashboard;
  await dashboard.send(stream.snapshot);
  await dashboard.clearPosted();
  await page.click('vscode-multi-select');
  await page.click('vscode-multi-select li.option:has-text("ring-b")');
  await dashboard.settle();
  assert.deepEqual(await dashboard.posted(), [{ type: 'compare', runDirs: ['/runs/ring-b'] }]);
  await dashboard.send({ type: 'compareData', runs: [{ runId: 'ring-b', metrics: stream.snapshot.metrics }] });
  assert.equal(await page.getAttribute('.loss-card .chart', 'data-series'), '7');
  assert.match(await page.textContent('.loss-card .u-legend') ?? '', /ring-b D loss.*ring-b G loss/);
  await page.click('vscode-multi-select li.option:has-text("ring-b")');
  await dashboard.settle();
  assert.deepEqual((await dashboard.posted()).at(-1), { type: 'compare', runDirs: [] });
  assert.equal(await page.getAttribute('.loss-card .chart', 'data-series'), '5');
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('the compare selection survives the page being recreated (hidden panel, reload)', async () => {
  const candidates = [{ runDir: '/runs/ring-b', runId: 'ring-b', status: 'completed' as const, step: 5000 }];
  const stream = recordedStream(dir, 300, 0, candidates);
  const first = await DashboardPage.open(browser, { dir, runDir: stream.snapshot.header.runDir });
  await first.send(stream.snapshot);
  await first.page.click('vscode-multi-select');
  await first.page.click('vscode-multi-select li.option:has-text("ring-b")');
  await first.settle();
  const saved = await first.persistedState();
  assert.deepEqual(saved, { runDir: stream.snapshot.header.runDir, compare: ['/runs/ring-b'] });
  await first.page.close();
  const again = await DashboardPage.open(browser, { dir, runDir: stream.snapshot.header.runDir, initialState: saved });
  await again.send(stream.snapshot);
  await again.settle();
  assert.deepEqual((await again.posted()).filter((message) => message.type === 'compare'), [{ type: 'compare', runDirs: ['/runs/ring-b'] }]);
  const other = await DashboardPage.open(browser, { dir, runDir: '/runs/another', initialState: saved });
  await other.send({ ...stream.snapshot, header: { ...stream.snapshot.header, runDir: '/runs/another' } });
  await other.settle();
  assert.deepEqual((await other.posted()).filter((message) => message.type === 'compare'), [], 'another run does not inherit it');
  await again.page.close();
  await other.page.close();
});

test('chart controls: log scale hides non-positive values gracefully; smoothing and legend switches work by keyboard', async () => {
  const { dashboard, stream } = await openWithStream();
  const { page } = dashboard;
  await page.check('.loss-card input[type=checkbox]');
  await dashboard.settle();
  assert.equal(await page.isVisible('.loss-card .chart-note'), false, 'the fixture losses are positive');
  await dashboard.send({ ...stream.snapshot, version: 60, metrics: { steps: [0, 10, 20], values: { dLoss: [-1, 0, 2], gLoss: [1, 2, 3] } } });
  assert.match(await page.textContent('.loss-card .chart-note') ?? '', /2 values ≤ 0 are not shown/);
  await page.uncheck('.loss-card input[type=checkbox]');
  await page.focus('.loss-card input[type=range]');
  await page.keyboard.press('End');
  await dashboard.settle();
  assert.equal(await page.textContent('.loss-card output'), '0.999');
  const legendSwitch = page.locator('.loss-card .u-legend [role=switch]').first();
  await legendSwitch.focus();
  await page.keyboard.press('Enter');
  assert.equal(await legendSwitch.getAttribute('aria-checked'), 'false');
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('Lit components (vscode-elements) style themselves under the CSP via adopted stylesheets', async () => {
  const { dashboard } = await openWithStream();
  const styled = await dashboard.page.$eval('.run-actions vscode-button', (node) => ({
    adopted: node.shadowRoot?.adoptedStyleSheets.length ?? 0,
    styleElements: node.shadowRoot?.querySelectorAll('style').length ?? 0,
    cursor: getComputedStyle(node).cursor,
  }));
  assert.ok(styled.adopted > 0, 'styles arrive as constructable stylesheets');
  assert.equal(styled.styleElements, 0);
  assert.equal(styled.cursor, 'pointer', 'the component stylesheet applies');
  assert.deepEqual(await dashboard.problems(), []);
  await dashboard.page.close();
});
