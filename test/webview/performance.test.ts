import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { HostToDashboard } from '../../src/protocol/dashboardMessages';
import { useChromium } from './harness/chromium';
import { DashboardPage } from './harness/dashboardPage';
import { histogramRecord, metricRows, runHeader } from './harness/runFixture';

// Not a timed unit test: it prints how long a 100,000-row run takes to draw and how long an
// update appending 100 rows takes, and fails only on figures far beyond any reasonable machine.

let browser: Browser;
let dir: string;

useChromium('gan-dashboard-perf-', (launched, folder) => { browser = launched; dir = folder; });

/** Posts `message` inside the page and times until the frame that draws it has finished. */
async function timeToDrawn(dashboard: DashboardPage, message: HostToDashboard): Promise<{ total: number; render: number }> {
  return dashboard.page.evaluate((data) => new Promise<{ total: number; render: number }>((resolve) => {
    const start = performance.now();
    window.postMessage(data, '*');
    // The store renders in the next animation frame; the one after it starts once that has finished.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const render = performance.getEntriesByName('gan-studio:render').at(-1)?.duration ?? Number.NaN;
      resolve({ total: performance.now() - start, render });
    }));
  }), message);
}

test('100,000 logged steps: first render and a 100-row update', async () => {
  const rows = 100_000;
  const every = 10;
  const header = runHeader({ step: rows * every, totalSteps: rows * every * 2, dataKind: 'images' });
  const snapshot: HostToDashboard = {
    type: 'snapshot', version: 1, compare: [], canSnapshotToNote: false, header,
    metrics: metricRows(0, rows, every), histograms: [histogramRecord(0)], samples: [], evaluations: [], diagnostics: [],
  };
  const dashboard = await DashboardPage.open(browser, { dir, runDir: header.runDir });
  const first = await timeToDrawn(dashboard, snapshot);
  const updates: number[] = [];
  const renders: number[] = [];
  for (let index = 0; index < 10; index++) {
    const update: HostToDashboard = {
      type: 'update', version: 2 + index, header,
      metrics: metricRows(rows * every + index * 100 * every, 100, every), histograms: [], samples: [], evaluations: [], diagnostics: [],
    };
    const timing = await timeToDrawn(dashboard, update);
    updates.push(timing.total);
    renders.push(timing.render);
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(`100k rows: first full render ${first.total.toFixed(0)} ms (render work ${first.render.toFixed(0)} ms); `
    + `100-row update: median ${median(updates).toFixed(1)} ms to drawn frame, render work median ${median(renders).toFixed(1)} ms`);
  assert.equal(await dashboard.page.getAttribute('.chart', 'data-rows'), String(rows + 1000));
  assert.ok(first.total < 5000, `first render took ${first.total} ms`);
  assert.ok(median(updates) < 5000, `an update took ${median(updates)} ms`);
  assert.deepEqual(await dashboard.problems(), []);
  await dashboard.page.close();
});
