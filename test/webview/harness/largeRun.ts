import type { Browser } from 'playwright-core';
import type { HostToDashboard } from '../../../src/protocol/dashboardMessages';
import { DashboardPage } from './dashboardPage';
import { histogramRecord, metricRows, runHeader } from './runFixture';

/** What drawing a long run cost: the first full render, then each 100-row update (ms to the drawn frame, and render work). */
export interface LargeRunDrawing {
  readonly rows: number;
  readonly first: { readonly total: number; readonly render: number };
  readonly updates: readonly number[];
  readonly renders: readonly number[];
  /** The chart's `data-rows` after the updates. */
  readonly rowsShown: string | null;
  readonly problems: readonly string[];
}

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

/**
 * A dashboard given a run of `rows` logged steps, then ten updates of 100 rows each: the
 * webview test checks what it shows, `npm run bench` prints how long it took.
 */
export async function drawLargeRun(browser: Browser, dir: string, rows = 100_000): Promise<LargeRunDrawing> {
  const every = 10;
  const header = runHeader({ step: rows * every, totalSteps: rows * every * 2, dataKind: 'images' });
  const snapshot: HostToDashboard = {
    type: 'snapshot', version: 1, compare: [], canSnapshotToNote: false, header,
    metrics: metricRows(0, rows, every), histograms: [histogramRecord(0)], samples: [], evaluations: [], diagnostics: [], changes: [],
  };
  const dashboard = await DashboardPage.open(browser, { dir, runDir: header.runDir });
  try {
    const first = await timeToDrawn(dashboard, snapshot);
    const updates: number[] = [];
    const renders: number[] = [];
    for (let index = 0; index < 10; index++) {
      const update: HostToDashboard = {
        type: 'update', version: 2 + index, header,
        metrics: metricRows(rows * every + index * 100 * every, 100, every), histograms: [], samples: [], evaluations: [], diagnostics: [], changes: [],
      };
      const timing = await timeToDrawn(dashboard, update);
      updates.push(timing.total);
      renders.push(timing.render);
    }
    return { rows, first, updates, renders, rowsShown: await dashboard.page.getAttribute('.chart', 'data-rows'), problems: await dashboard.problems() };
  } finally {
    await dashboard.page.close();
  }
}
