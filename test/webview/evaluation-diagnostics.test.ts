import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { HostToDashboard } from '../../src/protocol/dashboardMessages';
import { useChromium } from './harness/chromium';
import { DashboardPage } from './harness/dashboardPage';
import { diagnostic, digitEvaluation, ringEvaluation } from './harness/findingsFixture';
import { canvasColourCount, canvasInk } from './harness/pagePixels';
import { metricRows, recordedStream } from './harness/runFixture';
import { themeVariables } from './harness/themes';

// The Evaluation and Diagnostics cards, the active-findings badge in the header and the markers on
// the loss chart, fed the recorded stream (a finished history, then live updates). Needs `npm run build`.

let browser: Browser;
let dir: string;

useChromium('gan-dashboard-findings-', (launched, folder) => { browser = launched; dir = folder; });

type Update = Extract<HostToDashboard, { type: 'update' }>;

const texts = (page: Page, selector: string): Promise<string[]> =>
  page.$$eval(selector, (nodes) => nodes.map((node) => node.textContent ?? ''));

/** An update that carries only findings and evaluations, numbered `version`. */
function findingsUpdate(stream: ReturnType<typeof recordedStream>, version: number, content: Partial<Update>): Update {
  return { type: 'update', version, header: stream.snapshot.header, metrics: { steps: [], elapsedSeconds: [], values: {} }, histograms: [], samples: [],
    evaluations: [], diagnostics: [], changes: [], ...content };
}

test('a recorded run: the latest evaluation figures and their chart; findings newest first with a badge in the header', async () => {
  const stream = recordedStream(dir);
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir: stream.snapshot.header.runDir }, [stream.snapshot, ...stream.updates]);
  const { page } = dashboard;

  assert.equal(await page.isVisible('.evaluation-card'), true);
  assert.deepEqual(await texts(page, '.evaluation-figure'), ['8/8modes covered', '87%high quality', '0.0521mode KL']);
  assert.match(await page.getAttribute('.evaluation-figures', 'aria-label') ?? '', /step 3,000: modes covered 8\/8, high quality 87%/);
  assert.equal(await page.textContent('.evaluation-caption'), 'Step 3,000 · 2,500 samples · evaluated in 0.39 s (6 evaluations, 2.31 s in all)');
  assert.equal(await page.textContent('.evaluation-meaning'),
    'High quality: a sample within 3σ = 0.06 of its nearest mode; covered: a mode with at least one high-quality sample.', 'what "covered" means is on the card');
  assert.equal(await page.getAttribute('.evaluation-chart', 'data-rows'), '6');
  assert.equal(await page.getAttribute('.evaluation-chart', 'data-series'), 'modes covered, high-quality share');
  const chartInk = await canvasInk(page, '.evaluation-chart canvas');
  assert.ok(chartInk.inked > 2000 && chartInk.colours > 3, `the evaluation chart is drawn (${JSON.stringify(chartInk)})`);
  await page.hover('.evaluation-chart .u-over', { position: { x: 2, y: 20 } });
  assert.match(await page.textContent('.evaluation-card .u-legend') ?? '', /step500 · evaluated in 0\.38 smodes covered3\/8high-quality share59%/,
    'hovering reads a step, its cost and the figures as the card writes them');

  assert.deepEqual(await texts(page, '.finding-kind'), ['Oscillation', 'Discriminator overpowering', 'Mode collapse', 'Mode collapse']);
  assert.deepEqual(await texts(page, '.finding-step'), ['step 3,250', 'step 2,400', 'step 1,700', 'step 800']);
  assert.deepEqual(await texts(page, '.finding-status'), ['warning', 'error', 'cleared', 'resolved at step 1,700']);
  assert.deepEqual(await page.$$eval('.finding svg', (icons) => icons.map((icon) => icon.getAttribute('class'))),
    ['icon icon-warning', 'icon icon-error', 'icon icon-passed', 'icon icon-warning']);
  assert.equal(await page.textContent('.diagnostics-status'), '2 active findings, 1 resolved.');
  assert.equal(await page.isVisible('.finding-detail'), false, 'details start folded');

  await page.click('.finding[data-severity=error] summary');
  assert.equal(await page.textContent('.finding[data-severity=error] .finding-window'), 'Measured over steps 2,200–2,400.');
  assert.deepEqual(await page.$$eval('.finding[data-severity=error] .evidence tbody tr', (rows) =>
    rows.map((row) => [...row.children].map((cell) => cell.textContent))), [
    ['mean D(x)', '0.972', 'above 0.95'], ['mean D(G(z))', '0.018', 'below 0.05'], ['generator gradient norm', '0.0031', '—'],
  ]);
  assert.deepEqual(await texts(page, '.finding[data-severity=error] .remedies li'),
    ['Lower the discriminator learning rate.', 'Add instance noise to D\'s inputs.', 'Add an R1 penalty on real data.']);

  const badge = page.locator('.run-header .findings-badge');
  assert.equal(await badge.isVisible(), true);
  assert.equal(await badge.textContent(), '2');
  assert.equal(await badge.getAttribute('data-severity'), 'error');
  assert.equal(await badge.getAttribute('title'), '2 active failure modes: Oscillation, Discriminator overpowering. Show Diagnostics');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await badge.click();
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('diagnostics-card')), true, 'the badge takes you to the card');

  const errorRed = themeVariables.dark['--vscode-charts-red'];
  assert.ok(await canvasColourCount(page, '.loss-card .chart canvas', errorRed) > 50, 'the raised error is marked on the loss chart');
  assert.equal(await page.isVisible('.loss-card .swatch-rule'), true, 'and the markers are explained');
  await dashboard.send({ ...stream.snapshot, version: 100, diagnostics: [] });
  assert.equal(await canvasColourCount(page, '.loss-card .chart canvas', errorRed), 0, 'no finding, no marker');
  assert.equal(await page.isVisible('.loss-card .swatch-rule'), false);
  assert.equal(await page.isVisible('.findings-badge'), false);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('a live run: nothing claimed before metrics; findings and evaluations arrive in updates; a clearing resolves its finding', async () => {
  const stream = recordedStream(dir, 300, 0);
  const noMetrics = { ...stream.snapshot, metrics: { steps: [], elapsedSeconds: [], values: {} }, evaluations: [], diagnostics: [] };
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir: stream.snapshot.header.runDir }, [noMetrics]);
  const { page } = dashboard;
  assert.deepEqual([await page.isVisible('.evaluation-card'), await page.isVisible('.diagnostics-card')], [false, false]);

  await dashboard.send(findingsUpdate(stream, 2, { metrics: metricRows(0, 10) }));
  assert.equal(await page.isVisible('.diagnostics-card'), true);
  assert.equal(await page.textContent('.diagnostics-status'), 'No failure modes detected.');
  assert.deepEqual([await page.isVisible('.findings'), await page.isVisible('.findings-badge'), await page.isVisible('.evaluation-card')], [false, false, false]);

  const raised = diagnostic({ step: 120, kind: 'vanishing-gradients', summary: 'D(G(z)) fell below 0.01 while G\'s gradient norm collapsed.',
    evidence: [{ name: 'mean D(G(z))', value: 0.004, threshold: { value: 0.01, when: 'below' } }], remedies: ['Use the non-saturating loss.'] });
  await dashboard.send(findingsUpdate(stream, 3, { diagnostics: [raised], evaluations: [ringEvaluation(100)] }));
  assert.equal(await page.textContent('.findings-badge'), '1');
  assert.equal(await page.getAttribute('.findings-badge', 'data-severity'), 'warning');
  assert.deepEqual(await texts(page, '.finding-status'), ['warning']);
  assert.equal(await page.isVisible('.evaluation-card'), true);
  assert.deepEqual(await texts(page, '.figure-value'), ['3/8', '48%', '0.825']);
  await page.click('.finding summary');

  await dashboard.send(findingsUpdate(stream, 4, { diagnostics: [diagnostic({ step: 300, kind: 'vanishing-gradients', state: 'cleared', summary: 'G learns again.' })],
    evaluations: [ringEvaluation(500)] }));
  assert.equal(await page.isVisible('.findings-badge'), false, 'no active finding, no badge');
  assert.equal(await page.textContent('.diagnostics-status'), 'No active failure modes (1 resolved).');
  assert.deepEqual(await texts(page, '.finding-status'), ['cleared', 'resolved at step 300']);
  assert.equal(await page.getAttribute('.finding[data-state=raised]', 'data-resolved'), 'true');
  assert.equal(await page.isVisible('.finding[data-state=raised] .finding-detail'), true, 'what the user expanded stays expanded');
  assert.equal(await page.getAttribute('.evaluation-chart', 'data-rows'), '2');
  assert.deepEqual(await texts(page, '.figure-value'), ['3/8', '59%', '0.536']);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('before its first evaluation the card says when one comes, or how to get one, and Evaluate Now asks the host', async () => {
  const stream = recordedStream(dir, 300, 0);
  const header = stream.snapshot.header;
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir: header.runDir }, [
    { ...stream.snapshot, header: { ...header, evaluation: { every: 250, measurable: true } }, evaluations: [], diagnostics: [] },
  ]);
  const { page } = dashboard;
  assert.equal(await page.isVisible('.evaluation-card'), true);
  assert.equal(await page.textContent('.evaluation-empty'), 'No evaluation yet: this run measures its generator every 250 steps and at the end.');
  assert.deepEqual([await page.isVisible('.evaluation-card vscode-button'), await page.isVisible('.evaluation-chart'), await page.isVisible('.evaluation-meaning')],
    [false, false, false], 'a scheduled run needs no button, and has no chart yet');

  const onDemand = { ...header, evaluation: { measurable: true }, checkpointStep: 300 };
  await dashboard.send({ ...stream.snapshot, version: 2, header: onDemand, evaluations: [], diagnostics: [] });
  assert.match(await page.textContent('.evaluation-empty') ?? '', /^This run evaluates only on demand\. To evaluate while training, add `evaluation: \{ every: 500 \}` to the config/);
  await dashboard.clearPosted();
  await page.click('.evaluation-card vscode-button');
  assert.deepEqual(await dashboard.posted(), [{ type: 'evaluate' }]);

  const { checkpointStep: _none, ...noCheckpoint } = onDemand;
  await dashboard.send({ ...stream.snapshot, version: 3, header: noCheckpoint, evaluations: [], diagnostics: [] });
  assert.match(await page.textContent('.evaluation-empty') ?? '', /has none yet/);
  assert.equal(await page.isVisible('.evaluation-card vscode-button'), false, 'nothing to evaluate without a checkpoint');

  await dashboard.send({ ...stream.snapshot, version: 4, header: { ...header, evaluation: { measurable: false } }, evaluations: [], diagnostics: [] });
  assert.match(await page.textContent('.evaluation-empty') ?? '', /^Nothing to measure on this data/);

  await dashboard.send({ ...stream.snapshot, version: 5, header: onDemand, evaluations: [ringEvaluation(300)], diagnostics: [] });
  assert.deepEqual([await page.isVisible('.evaluation-empty'), await page.isVisible('.evaluation-card vscode-button'), await page.isVisible('.evaluation-chart')],
    [false, false, true], 'the figures replace the empty state');
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('digits: FID beside its real-vs-real floor, label and code accuracy; the latest is the furthest step', async () => {
  const stream = recordedStream(dir, 300, 0);
  const late = { ...digitEvaluation(2000), codeAccuracy: 0.815 };
  const onDemandOfEarlierCheckpoint = digitEvaluation(500);
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir: stream.snapshot.header.runDir }, [
    { ...stream.snapshot, evaluations: [digitEvaluation(1000), late, onDemandOfEarlierCheckpoint], diagnostics: [] },
  ]);
  const { page } = dashboard;
  assert.deepEqual(await texts(page, '.evaluation-figure .figure-value'), ['20.3', '91%', '82%']);
  assert.deepEqual(await texts(page, '.evaluation-figure .figure-label'), ['FID (real-vs-real floor 1.9)', 'label accuracy', 'code accuracy']);
  assert.match(await page.textContent('.evaluation-caption') ?? '', /^Step 2,000 · 1,000 samples · evaluated in 2\.4 s/);
  assert.equal(await page.getAttribute('.evaluation-chart', 'data-series'), 'FID, real-vs-real floor, label accuracy, code accuracy');
  await page.hover('.evaluation-chart .u-over', { position: { x: 2, y: 20 } });
  assert.match(await page.textContent('.evaluation-card .u-legend') ?? '', /^step500 · .*FID80\.8real-vs-real floor1\.9label accuracy59%code accuracy—$/,
    'the chart is in step order: the on-demand evaluation of step 500, written last, comes first');
  assert.equal(await page.textContent('.diagnostics-status'), 'No failure modes detected.');
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('a family\'s own figures (BiGAN\'s probe beside its baselines) show and chart without family code', async () => {
  const stream = recordedStream(dir, 300, 0);
  const figures = (probe: number) => [
    { name: 'probe', label: 'linear probe on E(x), 10 labels/class', description: 'Held-out accuracy of a probe on E(x)', value: probe, unit: 'share' as const },
    { name: 'probePixels', label: 'linear probe on raw pixels, 10 labels/class', description: 'The same on pixels', value: 0.714, unit: 'share' as const, baseline: true },
    { name: 'reconstructionRatio', label: 'reconstruction ratio', description: '‖x−G(E(x))‖ / ‖x′−G(E(x))‖', value: 0.81, unit: 'value' as const },
  ];
  const evaluation = (step: number, probe: number) => ({ type: 'evaluation' as const, step, time: '', samples: 0, seconds: 1.5, figures: figures(probe) });
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir: stream.snapshot.header.runDir }, [
    { ...stream.snapshot, evaluations: [evaluation(500, 0.68), evaluation(1000, 0.78)], diagnostics: [] },
  ]);
  const { page } = dashboard;
  assert.deepEqual(await texts(page, '.evaluation-figure .figure-value'), ['78%', '71%', '0.81']);
  assert.deepEqual(await texts(page, '.evaluation-figure .figure-label'),
    ['linear probe on E(x), 10 labels/class', 'linear probe on raw pixels, 10 labels/class', 'reconstruction ratio']);
  assert.equal(await page.getAttribute('.evaluation-chart', 'data-series'),
    'linear probe on E(x), 10 labels/class, linear probe on raw pixels, 10 labels/class, reconstruction ratio');
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});

test('finding summaries, evidence names and remedies render as text, never as markup', async () => {
  const payload = '<img src=x onerror=window.__pwned=1><b>bold</b><script>window.__pwned=2</script>';
  const stream = recordedStream(dir, 300, 0);
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir: stream.snapshot.header.runDir }, [{
    ...stream.snapshot, diagnostics: [diagnostic({
      step: 50, kind: 'divergence', severity: 'error', summary: `summary${payload}`,
      evidence: [{ name: `evidence${payload}`, value: 1e9, threshold: { value: 1e6, when: 'above' } }], remedies: [`remedy${payload}`, payload],
    })],
  }]);
  const { page } = dashboard;
  await page.click('.finding summary');
  assert.equal(await page.textContent('.finding-text'), `summary${payload}`);
  assert.equal(await page.textContent('.evidence tbody th'), `evidence${payload}`);
  assert.deepEqual(await texts(page, '.remedies li'), [`remedy${payload}`, payload]);
  assert.match(await page.getAttribute('.findings-badge', 'title') ?? '', /Divergence/);
  assert.equal(await page.$$eval('.diagnostics-card img, .diagnostics-card b, .diagnostics-card script', (nodes) => nodes.length), 0,
    'no element was created from the payload');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});
