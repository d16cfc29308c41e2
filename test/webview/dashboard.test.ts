import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { DashboardToHost } from '../../src/protocol/dashboardMessages';
import { useChromium } from './harness/chromium';
import { DashboardPage } from './harness/dashboardPage';
import { canvasInk } from './harness/pagePixels';
import { histogramRecord, recordedStream, runHeader, writeSampleFrame } from './harness/runFixture';

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

test('the charts follow the run\'s metric catalogue: its groups, titles and labels, with no code for the family', async () => {
  const stream = recordedStream(dir);
  const steps = stream.snapshot.metrics.steps;
  const curve = (scale: number) => steps.map((step) => scale / (1 + step / 1000));
  const snapshot = {
    ...stream.snapshot,
    header: {
      ...stream.snapshot.header,
      metrics: {
        headline: ['dLoss', 'egLoss'] as const,
        groups: [
          { title: 'Adversarial losses', description: 'D against E and G', logScale: true, metrics: [
            { name: 'dLoss', label: 'D loss' }, { name: 'egLoss', label: 'E+G loss' }, { name: 'infoLoss', label: 'InfoGAN −log Q(c|x)' }] },
          { title: 'Reconstruction', description: 'How far G(E(x)) is from x', logScale: false, metrics: [
            { name: 'reconstruction', label: '‖x − G(E(x))‖' }, { name: 'reconstructionBaseline', label: '‖x′ − G(E(x))‖' }] },
          { title: 'Never logged', description: 'A group this run has no values of', logScale: false, metrics: [{ name: 'absent', label: 'absent' }] },
        ],
      },
    },
    metrics: { steps, elapsedSeconds: steps.map((step) => step / 2), values: { dLoss: curve(2), egLoss: curve(1), infoLoss: curve(0.5), reconstruction: curve(0.8), reconstructionBaseline: curve(1.2) } },
  };
  // The family's sample views: a card each, after the grid, with its own pictures.
  const views = [{ name: 'reconstructions', title: 'Reconstructions x | G(E(x))', description: 'Fixed examples beside G(E(x)).' }];
  const withViews = { ...snapshot, header: { ...snapshot.header, views, networks: ['generator', 'encoder'] }, views: { reconstructions: [writeSampleFrame(dir, 7), writeSampleFrame(dir, 9)] } };
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir: snapshot.header.runDir }, [withViews]);
  const { page } = dashboard;
  assert.deepEqual(await page.$$eval('.card:not([hidden]):has(.chart) h2', (nodes) => nodes.slice(0, 2).map((node) => node.textContent)),
    ['Adversarial losses', 'Reconstruction']);
  assert.equal(await page.isVisible('h2:has-text("Never logged")'), false);
  assert.equal(await page.getAttribute('.loss-card', 'aria-label'), 'Adversarial losses', 'the card is named for screen readers as it is titled');
  assert.equal(await page.getAttribute('.loss-card .chart', 'data-series'), '3');
  assert.match(await page.textContent('.loss-card .u-legend') ?? '', /D loss.*E\+G loss.*InfoGAN −log Q\(c\|x\)/);
  assert.equal(await page.getAttribute('.metric-card-0 .chart', 'data-series'), '2');
  assert.match(await page.textContent('.metric-card-0 .u-legend') ?? '', /‖x − G\(E\(x\)\)‖/);
  assert.equal(await page.textContent('.view-reconstructions h2'), 'Reconstructions x | G(E(x))');
  assert.equal(await page.isVisible('.histogram-card'), false, 'no discriminator among the networks: no D outputs card');
  assert.equal(await page.$eval('.samples-card + .view-reconstructions', () => true), true, 'the view follows the sample grid');
  assert.match(await page.getAttribute('.view-reconstructions .sample-grid', 'src') ?? '', /step-9\.png$/);
  assert.match(await page.getAttribute('.view-reconstructions .sample-grid', 'alt') ?? '', /at step 9/);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('a family\'s histogram views get a card each, titled and labelled by their lines; a line without a key is the GAN\'s', async () => {
  const stream = recordedStream(dir);
  const reconstructions = { view: 'reconstructions', title: 'D outputs: real vs reconstructions', realLabel: 'D(x), real', fakeLabel: 'D(x̃), reconstruction' };
  const histograms = [100, 200].flatMap((step) => [histogramRecord(step), { ...histogramRecord(step), ...reconstructions }]);
  const snapshot = { ...stream.snapshot, header: { ...stream.snapshot.header, networks: ['generator', 'encoder', 'discriminator'] }, histograms };
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir: snapshot.header.runDir }, [snapshot]);
  const { page } = dashboard;
  assert.deepEqual(await page.$$eval('.histogram-card h2', (nodes) => nodes.map((node) => node.textContent)),
    ['D outputs: real vs generated', 'D outputs: real vs reconstructions']);
  assert.match(await page.textContent('.histogram-reconstructions .legend') ?? '', /D\(x\), real — mean .*D\(x̃\), reconstruction — mean/);
  assert.match(await page.textContent('.histogram-discriminator .legend') ?? '', /D\(G\(z\)\), generated — mean/);
  for (const view of ['discriminator', 'reconstructions']) {
    const ink = await canvasInk(page, `.histogram-${view} canvas`);
    assert.ok(ink.inked > 2000, `${view} histogram is drawn (${JSON.stringify(ink)})`);
    assert.equal(await page.getAttribute(`.histogram-${view} input[type=range]`, 'max'), '1', `${view}: two steps to scrub`);
  }
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

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
  const last = stream.updates.at(-1);
  assert.ok(last, 'the recorded stream has updates');
  assert.equal(await page.textContent('.run-name'), 'Ring of Gaussians');
  assert.equal(await page.textContent('.status-badge'), 'running');
  assert.match(await page.textContent('.run-meta') ?? '', new RegExp(`step ${last.header.step.toLocaleString('en-US')} / 5,000`));
  assert.match(await page.textContent('.run-meta') ?? '', /it\/s.*ETA/);
  assert.deepEqual([await page.textContent('.run-backend'), await page.getAttribute('.run-backend', 'title')], ['backend: wasm', null], 'no adapter: as before');

  const totalRows = stream.snapshot.metrics.steps.length + stream.updates.length * 10;
  // Losses, mean D outputs and gradient norms; the catalogue's instance-noise card stays hidden: this run logs no σ.
  const charts = await page.$$eval('.card:not([hidden]) .chart', (nodes) => nodes.map((node) => ({ rows: node.getAttribute('data-rows'), series: node.getAttribute('data-series') })));
  assert.deepEqual(charts, [{ rows: String(totalRows), series: '5' }, { rows: String(totalRows), series: '2' }, { rows: String(totalRows), series: '2' }]);
  assert.deepEqual(await page.$$eval('.card:not([hidden]):has(.chart) h2', (nodes) => nodes.map((node) => node.textContent)),
    ['Losses', 'Mean D outputs: D(x) and D(G(z))', 'Gradient norms'], 'the catalogue\'s charts in its order');
  assert.deepEqual(await page.$$eval('.card:not([hidden]) h2', (nodes) => nodes.slice(0, 4).map((node) => node.textContent?.replace(/ — step .*/, ''))),
    ['Losses', 'Data plane', 'Latent space', 'D outputs: real vs generated'], 'the main views first, so they fit one screen');
  const chartInk = await canvasInk(page, '.chart canvas');
  assert.equal(chartInk.canvases, 3);
  assert.ok(chartInk.inked > 5000, `chart canvases are drawn (${chartInk.inked} pixels)`);

  const histogramInk = await canvasInk(page, '.histogram-card canvas');
  assert.ok(histogramInk.inked > 2000 && histogramInk.colours > 3, `histogram is drawn (${JSON.stringify(histogramInk)})`);
  const planeInk = await canvasInk(page, '.plane-card canvas:not(.scale-bar)');
  assert.ok(planeInk.inked > 10000 && planeInk.colours > 20, `plane is drawn (${JSON.stringify(planeInk)})`);
  assert.equal(await page.isVisible('.plane-card'), true);

  const frames = stream.snapshot.samples;
  const [firstFrame, secondFrame] = frames;
  const latestFrame = frames.at(-1);
  assert.ok(firstFrame && secondFrame && latestFrame, 'the snapshot has sample frames to scrub through');
  const [firstUpdate] = stream.updates;
  assert.ok(firstUpdate, 'the recorded stream has updates');
  const src = (): Promise<string | null> => page.getAttribute('.sample-grid', 'src');
  assert.equal(await src(), latestFrame.uri, 'follows the latest frame');
  assert.equal(await page.evaluate(() => document.querySelector<HTMLImageElement>('.sample-grid')?.naturalWidth), 64, 'the PNG loads under the CSP');
  assert.equal(await page.$eval('.sample-grid', (image) => getComputedStyle(image).imageRendering), 'auto',
    'a 2D scatter (with its own axes) is smoothed, not drawn in blocks as digits are');
  await page.focus('.samples-card input[type=range]');
  await page.keyboard.press('Home');
  assert.equal(await src(), firstFrame.uri, 'the slider (by keyboard) picks an earlier frame');
  await page.keyboard.press('ArrowRight');
  assert.equal(await src(), secondFrame.uri);
  const newFrame = writeSampleFrame(dir, 99_990);
  await dashboard.send({ ...firstUpdate, version: stream.updates.length + 2, samples: [newFrame], metrics: { steps: [], elapsedSeconds: [], values: {} }, histograms: [] });
  assert.equal(await src(), secondFrame.uri, 'a scrubbed slider stays where the user put it');
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
  const [firstUpdate] = stream.updates;
  assert.ok(firstUpdate, 'the recorded stream has updates');
  await dashboard.clearPosted();
  const next = stream.updates.length + 3; // one version skipped
  await dashboard.send({ ...firstUpdate, version: next });
  assert.deepEqual(await dashboard.posted(), [{ type: 'resync' }]);
  await dashboard.send({ ...firstUpdate, version: next + 1 });
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
  const shownFrame = stream.snapshot.samples.at(-1);
  assert.ok(shownFrame, 'the snapshot has sample frames');
  const shownStep = shownFrame.step;
  assert.deepEqual(await dashboard.posted(), [
    { type: 'control', action: 'pause' }, { type: 'control', action: 'stop' }, { type: 'openRunFolder' },
    { type: 'snapshotToNote', step: shownStep },
  ] satisfies DashboardToHost[]);

  await dashboard.send(header({ status: 'paused' }));
  assert.deepEqual(await visibleButtons(), ['Resume', 'Step', '+10 Steps', 'Stop', 'Snapshot to note', 'Open Run Folder'],
    'a paused run offers GAN Lab\'s step buttons');
  await dashboard.clearPosted();
  await page.click('.run-actions vscode-button:has-text("Resume"):not([hidden])');
  await page.click('.run-actions vscode-button:text-is("Step")');
  await page.click('.run-actions vscode-button:has-text("+10 Steps")');
  await page.selectOption('.speed-select', '5');
  await page.selectOption('.speed-select', '0');
  assert.deepEqual(await dashboard.posted(), [{ type: 'control', action: 'resume' }, { type: 'advance', steps: 1 }, { type: 'advance', steps: 10 },
    { type: 'pace', stepsPerSecond: 5 }, { type: 'pace' }]);
  await dashboard.send({ ...header({ status: 'running' }), version: 51 });
  assert.equal(await page.inputValue('.speed-select'), '0');
  await dashboard.send({ ...stream.snapshot, version: 52, header: { ...runHeader({ status: 'running' }), pace: 1 } });
  assert.equal(await page.inputValue('.speed-select'), '1', 'the speed the trainer runs at, as the host says');
  assert.equal(await page.isVisible('.speed-select'), true);

  await dashboard.send({ ...header({ status: 'running', live: false }), canSnapshotToNote: false });
  assert.deepEqual(await visibleButtons(), ['Open Run Folder'], 'a run this window does not train offers no controls');
  await dashboard.send(header({ status: 'completed', live: true }));
  assert.deepEqual(await visibleButtons(), ['Snapshot to note', 'Open Run Folder']);
  await dashboard.send(header({ status: 'stopped', live: false, resumableFrom: 500 }));
  assert.deepEqual(await visibleButtons(), ['Resume', 'Snapshot to note', 'Open Run Folder'], 'a stopped run with a checkpoint resumes from it');
  await dashboard.clearPosted();
  await page.click('.run-actions vscode-button:has-text("Resume"):not([hidden])');
  assert.deepEqual(await dashboard.posted(), [{ type: 'resumeFromCheckpoint' }]);
  assert.match(await page.getAttribute('.run-actions vscode-button:has-text("Resume"):not([hidden])', 'title') ?? '', /checkpoint of step 500/);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('run names, errors, backends and compared run ids render as text, never as markup', async () => {
  const payload = '<img src=x onerror=window.__pwned=1><b>bold</b>';
  const stream = recordedStream(dir);
  // A selection restored from the page's state asks for the compared run at once (request 1).
  const dashboard = await DashboardPage.open(browser, { dir, runDir: payload, initialState: { runDir: payload, compare: [`/runs/${payload}`] } });
  const { page } = dashboard;
  await dashboard.send({
    ...stream.snapshot,
    header: runHeader({ runId: `id${payload}`, name: `name${payload}`, error: `error${payload}`, backend: `wasm${payload}`, status: 'failed' }),
    compare: [{ runDir: `/runs/${payload}`, runId: `other${payload}`, status: 'completed', step: 10 }],
  });
  await dashboard.send({ type: 'compareData', requestId: 1, runs: [{ runId: `other${payload}`, metrics: stream.snapshot.metrics }] });
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

/** A dashboard on a recorded run with two other runs to compare against, nothing posted yet. */
async function openWithCompareCandidates(): Promise<{ stream: ReturnType<typeof recordedStream>; dashboard: DashboardPage }> {
  const stream = recordedStream(dir, 300, 0, [
    { runDir: '/runs/ring-b', runId: 'ring-b', status: 'completed', step: 5000 },
    { runDir: '/runs/ring-c', runId: 'ring-c', status: 'stopped', step: 1200 },
  ]);
  const dashboard = await DashboardPage.open(browser, { dir, runDir: stream.snapshot.header.runDir });
  await dashboard.send(stream.snapshot);
  await dashboard.clearPosted();
  return { stream, dashboard };
}

test('compare: picking runs posts their folders; compareData overlays dashed curves; clearing removes them', async () => {
  const { stream, dashboard } = await openWithCompareCandidates();
  const { page } = dashboard;
  await page.click('vscode-multi-select');
  await page.click('vscode-multi-select li.option:has-text("ring-b")');
  await dashboard.settle();
  assert.deepEqual(await dashboard.posted(), [{ type: 'compare', requestId: 1, runDirs: ['/runs/ring-b'] }]);
  await dashboard.send({ type: 'compareData', requestId: 1, runs: [{ runId: 'ring-b', metrics: stream.snapshot.metrics }] });
  assert.equal(await page.getAttribute('.loss-card .chart', 'data-series'), '7');
  assert.match(await page.textContent('.loss-card .u-legend') ?? '', /ring-b D loss.*ring-b G loss/);
  await page.click('vscode-multi-select li.option:has-text("ring-b")');
  await dashboard.settle();
  assert.deepEqual((await dashboard.posted()).at(-1), { type: 'compare', requestId: 2, runDirs: [] });
  assert.equal(await page.getAttribute('.loss-card .chart', 'data-series'), '5');
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('compare: a late reply to an older request is dropped, whether the selection grew or was cleared', async () => {
  const { stream, dashboard } = await openWithCompareCandidates();
  const { page } = dashboard;
  const curves = (runIds: readonly string[]) => runIds.map((runId) => ({ runId, metrics: stream.snapshot.metrics }));
  const series = (): Promise<string | null> => page.getAttribute('.loss-card .chart', 'data-series');
  await page.click('vscode-multi-select');
  await page.click('vscode-multi-select li.option:has-text("ring-b")');
  await page.click('vscode-multi-select li.option:has-text("ring-c")');
  await dashboard.settle();
  assert.deepEqual((await dashboard.posted()).map((message) => message.type === 'compare' && message.requestId), [1, 2]);
  await dashboard.send({ type: 'compareData', requestId: 2, runs: curves(['ring-b', 'ring-c']) });
  assert.equal(await series(), '9', 'the newest answer: both runs');
  await dashboard.send({ type: 'compareData', requestId: 1, runs: curves(['ring-b']) });
  assert.equal(await series(), '9', 'the slow answer to the first pick does not overwrite it');
  await page.click('vscode-multi-select li.option:has-text("ring-b")');
  await page.click('vscode-multi-select li.option:has-text("ring-c")');
  await dashboard.settle();
  assert.deepEqual((await dashboard.posted()).at(-1), { type: 'compare', requestId: 4, runDirs: [] });
  assert.equal(await series(), '5', 'clearing removes the overlay at once');
  await dashboard.send({ type: 'compareData', requestId: 3, runs: curves(['ring-c']) });
  assert.equal(await series(), '5', 'and a late answer does not bring curves back');
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('a run whose files cannot be read shows why, as text, and offers no controls', async () => {
  const { dashboard, stream } = await openWithStream();
  const { page } = dashboard;
  const reason = '/w/.gan/runs/evil/run.json: lastSample.step: Invalid input: expected number, received string <img src=x onerror=window.__pwned=1>';
  await dashboard.send({ type: 'unreadable', reason });
  assert.equal(await page.textContent('.run-name'), 'This run cannot be read');
  assert.equal(await page.textContent('.status-badge'), 'unreadable');
  assert.equal(await page.textContent('.error-banner'), reason);
  assert.equal(await page.isVisible('.error-banner'), true);
  const visibleButtons = await page.$$eval('.run-actions vscode-button', (nodes) => nodes.filter((node) => !(node as HTMLElement).hidden).length);
  assert.equal(visibleButtons, 0);
  assert.equal(await page.$$eval('.error-banner img', (nodes) => nodes.length), 0);
  await dashboard.send({ ...stream.snapshot, version: 70 });
  assert.equal(await page.textContent('.run-name'), 'Ring of Gaussians', 'readable again: a snapshot shows the run');
  assert.equal(await page.isVisible('.error-banner'), false);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('what the host left out of a huge run shows as a note under the header, as text, until a snapshot without one', async () => {
  const { dashboard, stream } = await openWithStream();
  const { page } = dashboard;
  assert.equal(await page.isVisible('.notice-banner'), false, 'nothing left out, nothing shown');
  const notice = 'metrics.jsonl is 1.2 GiB, more than the 64 MiB a dashboard reads <b>x</b>';
  await dashboard.send({ ...stream.snapshot, version: 80, notice });
  assert.equal(await page.textContent('.notice-banner'), notice);
  assert.equal(await page.isVisible('.notice-banner'), true);
  assert.equal(await page.$$eval('.notice-banner b', (nodes) => nodes.length), 0);
  await dashboard.send({ ...stream.snapshot, version: 81 });
  assert.equal(await page.isVisible('.notice-banner'), false);
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
  assert.deepEqual((await again.posted()).filter((message) => message.type === 'compare'), [{ type: 'compare', requestId: 1, runDirs: ['/runs/ring-b'] }]);
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
  await dashboard.send({ ...stream.snapshot, version: 60, metrics: { steps: [0, 10, 20], elapsedSeconds: [0, 5, 10], values: { dLoss: [-1, 0, 2], gLoss: [1, 2, 3] } } });
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
