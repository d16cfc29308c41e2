import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { useChromium } from './harness/chromium';
import { drawLargeRun } from './harness/largeRun';

// What a long run shows; how long it takes to draw is a figure `npm run bench -- --only dashboard-render` prints.

let browser: Browser;
let dir: string;

useChromium('gan-dashboard-large-', (launched, folder) => { browser = launched; dir = folder; });

test('100,000 logged steps, then ten 100-row updates: every row reaches the chart, with no page errors', async () => {
  const drawing = await drawLargeRun(browser, dir);
  assert.equal(drawing.rowsShown, String(drawing.rows + 1000));
  // Each update was drawn: a frame that never rendered reports NaN render work.
  assert.ok(drawing.renders.every(Number.isFinite), JSON.stringify(drawing.renders));
  assert.deepEqual(drawing.problems, []);
});
