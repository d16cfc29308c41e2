import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { useChromium } from './harness/chromium';
import { DashboardPage } from './harness/dashboardPage';
import { canvasInk } from './harness/pagePixels';
import { fieldRecord, recordedStream } from './harness/runFixture';

// The studio's views in a real Chromium under the host's CSP, fed a recorded ring run: one step
// cursor across views, the layout at a laptop's and a wide screen's sizes, the students' notes,
// chart downloads, D's outputs over time and the latent-space view. Needs `npm run build` first.

let browser: Browser;
let dir: string;

useChromium('gan-dashboard-views-', (launched, folder) => { browser = launched; dir = folder; });

/** The recorded ring run's dashboard (its snapshot only). */
async function openRing(): Promise<{ stream: ReturnType<typeof recordedStream>; dashboard: DashboardPage }> {
  const stream = recordedStream(dir, 300, 0);
  return { stream, dashboard: await DashboardPage.openWith(browser, { dir, runDir: stream.snapshot.header.runDir }, [stream.snapshot]) };
}

test('one step cursor: scrubbing any view moves the samples, histogram and plane to one step; Latest makes all follow again', async () => {
  const { dashboard } = await openRing();
  const { page } = dashboard;
  const steps = async () => ({
    samples: (await page.getAttribute('.samples-card .sample-grid', 'alt'))?.match(/step (\d+)/)?.[1],
    histogram: (await page.textContent('.histogram-card .scrubber-position'))?.match(/^step ([\d,]+)/)?.[1],
    plane: (await page.textContent('.plane-card h2'))?.match(/step ([\d,]+)/)?.[1],
  });
  assert.deepEqual(await steps(), { samples: '2990', histogram: '2,900', plane: '2,990' }, 'all follow the latest: each its newest record');
  await page.focus('.samples-card input[type=range]');
  await page.keyboard.press('Home');
  assert.deepEqual(await steps(), { samples: '0', histogram: '0', plane: '0' }, 'the sample slider moved every view');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await steps(), { samples: '1500', histogram: '1,500', plane: '1,500' });
  await page.focus('.histogram-card input[type=range]');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await steps(), { samples: '1500', histogram: '1,600', plane: '1,500' }, 'views that log less often show their last record at or before the cursor');
  assert.match(await page.textContent('.plane-card .scrubber-position') ?? '', /step 1,500 .* · cursor at step 1,600$/, 'and say where the cursor is');
  await page.click('.plane-card vscode-button:has-text("Latest")');
  assert.deepEqual(await steps(), { samples: '2990', histogram: '2,900', plane: '2,990' });
  assert.deepEqual(await page.$$eval('.scrubber vscode-button[aria-pressed]', (buttons) => buttons.map((button) => button.getAttribute('aria-pressed'))),
    ['true', 'true', 'true', 'true'], 'one toggle: every Latest (plane, latent space, histogram, samples) shows it is on');
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('layout: the main views fit one screen — whole at 1600×960; beside a note the losses and plane whole, the latent space and D\'s outputs begun', async () => {
  const stream = recordedStream(dir, 300, 0);
  const boxes = async (page: Page) => page.$$eval('.loss-card, .plane-card, .latent-card, .histogram-card, .samples-card', (cards) => Object.fromEntries(cards.map((card) => {
    const box = card.getBoundingClientRect();
    return [card.classList[1], { top: Math.round(box.top), bottom: Math.round(box.bottom), left: Math.round(box.left), right: Math.round(box.right) }];
  })));
  for (const [width, height, whole, begun] of [
    [1600, 960, ['loss-card', 'plane-card', 'latent-card', 'histogram-card'], ['samples-card']],
    [800, 880, ['loss-card', 'plane-card'], ['latent-card', 'histogram-card']],
  ] as const) {
    const dashboard = await DashboardPage.open(browser, { dir, runDir: stream.snapshot.header.runDir }, { width, height });
    await dashboard.send(stream.snapshot);
    const placed = await boxes(dashboard.page);
    for (const name of whole) assert.ok(placed[name] && placed[name].bottom <= height && placed[name].right <= width, `${width}×${height}: ${name} whole on screen: ${JSON.stringify(placed)}`);
    for (const name of begun) assert.ok(placed[name] && placed[name].top + 60 <= height, `${width}×${height}: ${name} begins on screen: ${JSON.stringify(placed)}`);
    assert.equal(await dashboard.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'nothing runs off sideways');
    await dashboard.page.close();
  }
});

test('every view has a folded "What am I looking at?" for students; a family\'s chart takes its text from the catalogue', async () => {
  const { dashboard } = await openRing();
  const { page } = dashboard;
  const explained = await page.$$eval('.card:not([hidden])', (cards) => cards.map((card) => ({
    card: card.querySelector('h2')?.textContent?.replace(/ — step .*/, ''),
    open: card.querySelector('details.explainer')?.hasAttribute('open'),
    text: card.querySelector('details.explainer p')?.textContent ?? '',
  })));
  assert.ok(explained.length >= 8, JSON.stringify(explained));
  for (const { card, open, text } of explained) {
    assert.equal(open, false, `${card}: folded`);
    assert.ok(text.length > 80, `${card} explains itself: ${text}`);
  }
  assert.equal(await page.isVisible('.plane-card details.explainer p'), false);
  await page.click('.plane-card details.explainer summary');
  assert.equal(await page.isVisible('.plane-card details.explainer p'), true, 'a click opens it');
  assert.match(await page.textContent('.loss-card details.explainer p') ?? '', /2·log 2 ≈ 1\.39/, 'the GAN catalogue\'s losses text');
  assert.match(await page.textContent('.metric-card-0 details.explainer p') ?? '', /^D\(x\) is D's average output/, 'the shared mean-D-outputs text, with the family\'s labels');
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('each chart\'s CSV and JSON buttons ask the host to save the columns it draws', async () => {
  const { dashboard } = await openRing();
  const { page } = dashboard;
  await dashboard.clearPosted();
  await page.click('.loss-card .chart-export vscode-button:has-text("CSV")');
  await page.click('.metric-card-0 .chart-export vscode-button:has-text("JSON")');
  assert.deepEqual(await dashboard.posted(), [
    { type: 'exportMetrics', title: 'Losses', columns: ['dLoss', 'gLoss', 'dLossReal', 'dLossFake', 'gradientPenalty'], format: 'csv' },
    { type: 'exportMetrics', title: 'Mean D outputs: D(x) and D(G(z))', columns: ['dReal', 'dFake'], format: 'json' },
  ]);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('D\'s outputs over time: the histogram card draws every logged step\'s distribution as bands, with the cursor\'s step marked', async () => {
  const { dashboard } = await openRing();
  const { page } = dashboard;
  const oneStep = await canvasInk(page, '.histogram-card canvas');
  await page.click('.histogram-card label:has-text("Over time")');
  assert.equal(await page.getAttribute('.histogram-card', 'data-view'), 'over-time');
  assert.equal(await page.getAttribute('.histogram-card canvas', 'aria-label'), 'Distributions of discriminator outputs over steps');
  const overTime = await canvasInk(page, '.histogram-card canvas');
  assert.ok(overTime.inked > 5000 && overTime.colours > 10, `the bands are drawn (${JSON.stringify(overTime)})`);
  assert.notDeepEqual(overTime, oneStep, 'a different picture from the one-step histogram');
  const pixels = await page.$eval('.histogram-card canvas', (canvas) => (canvas as HTMLCanvasElement).toDataURL());
  await page.focus('.samples-card input[type=range]');
  await page.keyboard.press('Home');
  assert.notEqual(await page.$eval('.histogram-card canvas', (canvas) => (canvas as HTMLCanvasElement).toDataURL()), pixels, 'moving the step cursor moves the rule');
  await page.click('.histogram-card label:has-text("Over time")');
  assert.equal(await page.getAttribute('.histogram-card', 'data-view'), 'one-step');
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('the latent-space view: G\'s image of a z lattice as a coloured mesh beside the plane, with z\'s square inset, at the step cursor', async () => {
  const { stream, dashboard } = await openRing();
  const { page } = dashboard;
  assert.equal(await page.isVisible('.latent-card'), true);
  assert.equal(await page.textContent('.latent-card h2'), 'Latent space — step 2,990');
  assert.equal(await page.textContent('.latent-card .card-description'), 'z₁ and z₂ from −2 to 2 (±2σ), the other dimensions of z at 0.');
  const late = await canvasInk(page, '.latent-card canvas');
  assert.ok(late.inked > 10000 && late.colours > 30, `the mesh is drawn in many colours (${JSON.stringify(late)})`);
  const before = await page.$eval('.latent-card canvas', (canvas) => (canvas as HTMLCanvasElement).toDataURL());
  await page.focus('.plane-card input[type=range]');
  await page.keyboard.press('Home');
  assert.equal(await page.textContent('.latent-card h2'), 'Latent space — step 0', 'the step cursor moves it with the plane');
  assert.notEqual(await page.$eval('.latent-card canvas', (canvas) => (canvas as HTMLCanvasElement).toDataURL()), before);
  // A record from before the view existed has no lattice: no card.
  const { latentGrid: _none, ...old } = fieldRecord(100);
  await dashboard.send({ ...stream.snapshot, version: 2, fields: [old] });
  assert.equal(await page.isVisible('.latent-card'), false);
  assert.equal(await page.isVisible('.plane-card'), true);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('charts read like TensorBoard\'s: smoothed 0.6 by default, the legend shows the latest values until hovered, whole-step ticks only', async () => {
  const stream = recordedStream(dir);
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir: stream.snapshot.header.runDir }, [stream.snapshot, ...stream.updates]);
  const { page } = dashboard;
  assert.equal(await page.textContent('.loss-card output'), '0.600');
  const legend = await page.textContent('.loss-card .u-legend') ?? '';
  assert.match(legend, /^step[1-9][\d,]*D loss[-0-9.e]+ \(latest\)G loss[-0-9.e]+ \(latest\)/, legend);
  assert.doesNotMatch(legend, /—/);
  // Five steps across a wide chart: uPlot alone would tick at 0.5 or 2.5.
  await dashboard.send({ ...stream.snapshot, version: 70, metrics: { steps: [0, 1, 2, 3, 4], elapsedSeconds: [0, 1, 2, 3, 4], values: { dLoss: [1, 2, 3, 2, 1], gLoss: [1, 1, 1, 1, 1] } } });
  await dashboard.settle();
  const ticks = (await page.getAttribute('.loss-card .uplot', 'data-step-ticks') ?? '').split(' ').filter(Boolean);
  assert.ok(ticks.length >= 2, `step ticks ${JSON.stringify(ticks)}`);
  assert.ok(ticks.every((tick) => /^\d+$/.test(tick)), `step ticks ${JSON.stringify(ticks)}`);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});
