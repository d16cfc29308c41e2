import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { HostToDashboard } from '../../src/protocol/dashboardMessages';
import { formatClock } from '../../webview/src/ui/format';
import { useChromium } from './harness/chromium';
import { DashboardPage } from './harness/dashboardPage';
import { diagnostic } from './harness/findingsFixture';
import { metricRows, recordedStream, ringElapsedSeconds } from './harness/runFixture';

// The charts' x axis: Step or Time (the run's training time, metrics.jsonl's elapsedSeconds), one
// choice for every metric chart, kept with the page's state. The ring fixture's training time is
// not proportional to its steps (the run slowed after step 1500), so drawing steps would show.
// Needs `npm run build` first.

let browser: Browser;
let dir: string;

useChromium('gan-dashboard-time-axis-', (launched, folder) => { browser = launched; dir = folder; });

type Snapshot = Extract<HostToDashboard, { type: 'snapshot' }>;

/** Findings between logged rows (every 10 steps) and on one: a marker goes to the row at or before its step. */
const findings = [
  diagnostic({ step: 1234, kind: 'mode-collapse', severity: 'error' }),
  diagnostic({ step: 2400, kind: 'oscillation' }),
];

/** The x reading of the loss chart's legend: under the cursor, or the latest while it is off the chart. */
async function xReading(page: Page): Promise<{ label: string; value: string }> {
  return page.$eval('.loss-card .u-legend .u-series:first-child', (row) => ({
    label: row.querySelector('th')?.textContent ?? '', value: row.querySelector('td')?.textContent ?? '',
  }));
}

async function chooseXAxis(dashboard: DashboardPage, option: 'Step' | 'Time'): Promise<void> {
  await dashboard.page.click('.loss-card vscode-single-select');
  await dashboard.page.click(`.loss-card vscode-single-select li.option:has-text("${option}")`);
  await dashboard.settle();
}

const chartAxes = (page: Page): Promise<(string | null)[]> =>
  page.$$eval('.card:not([hidden]) .chart', (charts) => charts.map((chart) => chart.getAttribute('data-x-axis')));

/** The x-axis choice each chart's toolbar shows (the select's value is a property, not an attribute). */
const shownChoices = (page: Page): Promise<string[]> =>
  page.$$eval('vscode-single-select.x-axis-select', (selects) => selects.map((select) => ('value' in select ? String(select.value) : '')));

const markerX = (page: Page): Promise<string | null> => page.getAttribute('.loss-card .uplot', 'data-marker-x');

test('X axis Time: every chart draws the rows\' training time, a finding\'s marker lands at the time of the row at or before its step, and the choice persists', async () => {
  const stream = recordedStream(dir, 300, 1);
  const snapshot: Snapshot = { ...stream.snapshot, diagnostics: findings };
  const runDir = snapshot.header.runDir;
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir }, [snapshot]);
  const { page } = dashboard;
  assert.ok((await chartAxes(page)).length >= 3, 'the loss chart and the other metric charts');
  assert.ok((await chartAxes(page)).every((axis) => axis === 'step'), 'steps to start with');
  // The findings' markers, then the live change's (the fixture's D learning rate, changed at step 1200).
  assert.equal(await markerX(page), '1234 2400 1200');
  assert.deepEqual(await xReading(page), { label: 'step', value: '2,990' });

  await chooseXAxis(dashboard, 'Time');
  assert.ok((await chartAxes(page)).every((axis) => axis === 'time'), 'one choice switches every metric chart');
  assert.ok((await shownChoices(page)).every((value) => value === 'time'), 'and every chart\'s toolbar shows it');
  // Step 1234 was not logged: its marker goes to the row of step 1230, at 984 s; step 2400's row is at 3000 s.
  assert.equal(await markerX(page), `${ringElapsedSeconds(1230)} ${ringElapsedSeconds(2400)} ${ringElapsedSeconds(1200)}`);
  assert.deepEqual(await xReading(page), { label: 'training time', value: '1:09:40 · step 2,990' }, 'the latest row, at 4180 s');
  const ticks = (await page.getAttribute('.loss-card .uplot', 'data-time-ticks') ?? '').split(' ').filter(Boolean);
  assert.ok(ticks.length >= 2 && ticks.every((tick) => /^\d+:\d\d(:\d\d)?$/.test(tick)), `clock ticks ${JSON.stringify(ticks)}`);

  // The row under the cursor: its x is the training time of its own step.
  const plotArea = await page.$('.loss-card .u-over');
  const box = await plotArea?.boundingBox();
  assert.ok(box);
  const read: string[] = [];
  for (const across of [0.05, 0.3, 0.5, 0.7, 0.95]) {
    await page.mouse.move(box.x + box.width * across, box.y + box.height / 2);
    const { value } = await xReading(page);
    const [, time, step] = /^(\S+) · step ([\d,]+)$/.exec(value) ?? [];
    assert.ok(time !== undefined && step !== undefined, `a time and its step: ${value}`);
    assert.equal(time, formatClock(ringElapsedSeconds(Number(step.replace(/,/g, '')))), `the x of step ${step}`);
    read.push(step);
  }
  assert.equal(new Set(read).size, read.length, `different rows across the chart: ${read.join(' ')}`);
  await page.mouse.move(0, 0);

  // Rows a live run appends are drawn at their training time too.
  await dashboard.send(stream.updates[0]!);
  assert.deepEqual(await xReading(page), { label: 'training time', value: `${formatClock(ringElapsedSeconds(3090))} · step 3,090` });
  assert.equal(await page.textContent('.evaluation-chart .u-legend .u-series:first-child th'), 'step',
    'the evaluation chart stays on steps: its records carry no training time');

  const saved = await dashboard.persistedState();
  assert.deepEqual(saved, { runDir, xAxis: 'time' });
  const again = await DashboardPage.openWith(browser, { dir, runDir, initialState: saved }, [snapshot]);
  assert.ok((await chartAxes(again.page)).every((axis) => axis === 'time'), 'the recreated page draws training time again');
  assert.ok((await shownChoices(again.page)).every((value) => value === 'time'), 'and its toolbars show Time');

  await chooseXAxis(dashboard, 'Step');
  assert.equal(await markerX(page), '1234 2400 1200');
  assert.deepEqual(await xReading(page), { label: 'step', value: '3,090' });
  assert.deepEqual([...await dashboard.problems(), ...await again.problems()], []);
  await again.page.close();
  await page.close();
});

test('X axis Time: a compared run is drawn over its own training time', async () => {
  const compare = [{ runDir: '/runs/ring-b', runId: 'ring-b', status: 'completed' as const, step: 2990 }];
  const stream = recordedStream(dir, 300, 0, compare);
  const runDir = stream.snapshot.header.runDir;
  // ring-b was compared and Time chosen before: the restored selection is request 1.
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir, initialState: { runDir, compare: ['/runs/ring-b'], xAxis: 'time' } }, [stream.snapshot]);
  const { page } = dashboard;
  // ring-b took 3 s a step: its last row, step 2990, at 2:29:30, well after this run's last (1:09:40).
  const slower = metricRows(0, 300);
  await dashboard.send({ type: 'compareData', requestId: 1, runs: [{ runId: 'ring-b', metrics: { ...slower, elapsedSeconds: slower.steps.map((step) => step * 3) } }] });
  const seconds = (tick: string): number => tick.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  const ticks = (await page.getAttribute('.loss-card .uplot', 'data-time-ticks') ?? '').split(' ').filter(Boolean).map(seconds);
  assert.ok(Math.max(...ticks) > ringElapsedSeconds(2990), `the axis reaches ring-b's time: ${ticks.join(' ')}`);
  const box = await (await page.$('.loss-card .u-over'))?.boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
  const { label, value } = await xReading(page);
  assert.equal(label, 'training time');
  assert.match(value, /^2:2\d:\d\d$/, 'a row only ring-b logged, near its end: no step of this run is named');
  assert.ok(seconds(value) % 30 === 0 && seconds(value) > ringElapsedSeconds(2990), `at ring-b's own time of one of its rows: ${value}`);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});
