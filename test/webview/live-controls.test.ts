import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ControlsState } from '../../src/core/train/liveControls';
import type { HostToDashboard, RunHeader } from '../../src/protocol/dashboardMessages';
import { useChromium } from './harness/chromium';
import { DashboardPage } from './harness/dashboardPage';
import { recordedStream } from './harness/runFixture';

// GAN Lab's live controls in a real Chromium under the host's CSP: what the card shows of a live
// run's rates, updates and weights, what it posts (and refuses to post), "train alone" while
// running and while paused, and the changes' history and chart rules. Needs `npm run build` first.

let browser: Browser;
let dir: string;

useChromium('gan-dashboard-controls-', (launched, folder) => { browser = launched; dir = folder; });

type Update = Extract<HostToDashboard, { type: 'update' }>;

const controls: ControlsState = {
  players: [
    { name: 'discriminator', learningRate: 0.0002, configuredLearningRate: 0.0002, updates: 1, configuredUpdates: 1 },
    { name: 'generator', learningRate: 0.0002, configuredLearningRate: 0.0002, updates: 1, configuredUpdates: 1 },
  ],
  weights: [{ name: 'gradientPenalty', label: 'gradient penalty λ', value: 10, configured: 10 }],
};

test('live controls: the run\'s values, a change posted on Enter, out-of-range values refused, train alone, the history and chart rules', async () => {
  const stream = recordedStream(dir, 300, 0);
  const header = (overrides: Partial<RunHeader>): RunHeader => ({ ...stream.snapshot.header, ...overrides });
  const update = (version: number, content: Partial<Update>): Update => ({
    type: 'update', version, header: header({ controls }), metrics: { steps: [], elapsedSeconds: [], values: {} }, histograms: [], samples: [], evaluations: [], diagnostics: [], changes: [], ...content,
  });
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir: stream.snapshot.header.runDir },
    [{ ...stream.snapshot, header: header({ controls }) }]);
  const { page } = dashboard;
  await dashboard.clearPosted();
  const field = (label: string) => page.locator('.controls-card .controls-row', { hasText: label }).locator('input').first();
  const rateOf = (player: string) => page.locator('.controls-card .controls-row', { hasText: player }).locator('input[aria-label="learning rate"]');
  const updatesOf = (player: string) => page.locator('.controls-card .controls-row', { hasText: player }).locator('input[aria-label="updates per step"]');

  assert.equal(await rateOf('discriminator').inputValue(), '0.0002');
  assert.equal(await updatesOf('discriminator').inputValue(), '1');
  assert.equal(await field('gradient penalty').inputValue(), '10');
  assert.deepEqual(await page.locator('.change-history li').allInnerTexts(), ['step 1,200: discriminator learning rate → 0.0005']);
  assert.equal(await page.locator('.loss-card .legend-entry', { hasText: 'changed by hand' }).isVisible(), true, 'the loss chart marks the change');

  await rateOf('discriminator').fill('0.001');
  await rateOf('discriminator').press('Enter');
  await updatesOf('discriminator').fill('2.5');
  await updatesOf('discriminator').press('Enter');
  assert.match(await page.locator('.controls-card .field-problem:not([hidden])').innerText(), /a whole number at least 1 and at most 100/);
  await updatesOf('discriminator').fill('5');
  await updatesOf('discriminator').press('Enter');
  assert.equal(await page.locator('.controls-card .field-problem:not([hidden])').count(), 0, 'a good value clears the complaint');
  await field('gradient penalty').fill('-1');
  await field('gradient penalty').press('Enter');
  await field('gradient penalty').fill('0');
  await field('gradient penalty').press('Enter');
  await page.selectOption('.controls-alone select', 'generator');
  await page.locator('.controls-alone input').fill('7');
  await page.locator('.controls-alone input').press('Enter');
  await page.click('.controls-alone vscode-button:has-text("Train Alone")');
  assert.deepEqual(await dashboard.posted(), [
    { type: 'tune', change: { kind: 'learningRate', player: 'discriminator', value: 0.001 } },
    { type: 'tune', change: { kind: 'updates', player: 'discriminator', value: 5 } },
    { type: 'tune', change: { kind: 'weight', name: 'gradientPenalty', value: 0 } },
    { type: 'tune', change: { kind: 'only', player: 'generator', steps: 7 } },
  ], 'nothing out of range is sent; a running run trains alone as it goes');

  // The trainer reports the new values; a paused run trains its steps alone at once.
  await dashboard.clearPosted();
  const changed = { ...controls, players: [{ ...controls.players[0]!, learningRate: 0.001, updates: 5 }, controls.players[1]!], only: { player: 'generator', untilStep: 2997 } };
  await dashboard.send(update(2, {
    header: header({ status: 'paused', controls: changed }),
    changes: [{ type: 'change', step: 2990, time: '2026-11-20T10:09:00.000Z', change: { kind: 'only', player: 'generator', steps: 7 } }],
  }));
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await dashboard.send(update(3, { header: header({ status: 'paused', controls: changed }) }));
  assert.equal(await updatesOf('discriminator').inputValue(), '5');
  assert.equal(await page.locator('.controls-status').innerText(), 'Only the generator trains, until step 2,997.');
  assert.deepEqual(await page.locator('.change-history li').allInnerTexts(),
    ['step 2,990: only generator trains for 7 steps', 'step 1,200: discriminator learning rate → 0.0005'], 'newest first');
  await page.click('.controls-alone vscode-button:has-text("Train Alone")');
  assert.deepEqual(await dashboard.posted(), [{ type: 'tune', change: { kind: 'only', player: 'generator', steps: 7 } }, { type: 'advance', steps: 7 }]);
  await dashboard.send(update(4, { header: header({ status: 'paused', controls: changed, step: 2997 }) }));
  assert.equal(await page.locator('.controls-status').isVisible(), false, 'the hold ran out at its step');

  // A run no trainer runs keeps its history, without controls.
  await dashboard.send(update(5, { header: header({ status: 'completed', live: false }) }));
  assert.equal(await page.locator('.controls-table').isVisible(), false);
  assert.equal(await page.locator('.controls-alone').isVisible(), false);
  assert.equal(await page.locator('.change-history li').count(), 2);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});
