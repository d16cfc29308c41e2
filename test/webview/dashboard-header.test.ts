import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { h100Adapter, lavapipeAdapter } from '../unit/support/adapters';
import { useChromium } from './harness/chromium';
import { DashboardPage } from './harness/dashboardPage';
import { recordedStream, runHeader } from './harness/runFixture';

// The header's backend in a real Chromium under the host's CSP: a webgpu run names its adapter,
// with the adapter's facts in the tooltip. Needs `npm run build` first.

let browser: Browser;
let dir: string;

useChromium('gan-dashboard-header-', (launched, folder) => { browser = launched; dir = folder; });

test('a webgpu run\'s header names its adapter, its facts in the tooltip, as text; a run on another backend shows the backend alone', async () => {
  const stream = recordedStream(dir, 30, 0);
  const header = runHeader({ backend: 'webgpu', adapter: h100Adapter });
  const dashboard = await DashboardPage.openWith(browser, { dir, runDir: header.runDir }, [{ ...stream.snapshot, header }]);
  const { page } = dashboard;
  const backend = async () => [await page.textContent('.run-backend'), await page.getAttribute('.run-backend', 'title')];
  assert.deepEqual(await backend(), ['backend: webgpu · NVIDIA H100 80GB HBM3 (nvidia, hopper)',
    'NVIDIA H100 80GB HBM3 (nvidia, hopper)\nhardware adapter\nvendor: nvidia\narchitecture: hopper\nmax storage buffer binding: 2048 MiB\nmax buffer: 4096 MiB']);

  const payload = '<img src=x onerror=window.__pwned=1>';
  await dashboard.send({ ...stream.snapshot, version: 2, header: runHeader({ backend: 'webgpu', adapter: { ...lavapipeAdapter, description: `llvmpipe${payload}` } }) });
  const [text, title] = await backend();
  assert.equal(text, `backend: webgpu · llvmpipe${payload} (mesa, software)`, 'the driver\'s text is text');
  assert.match(title ?? '', /^software adapter \(runs on the CPU\)$/m);
  assert.equal(await page.$$eval('.run-header img', (nodes) => nodes.length), 0, 'no element was made from the adapter\'s name');

  await dashboard.send({ ...stream.snapshot, version: 3, header: runHeader() });
  assert.deepEqual(await backend(), ['backend: wasm', null], 'no adapter: the backend alone, no tooltip left behind');
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.deepEqual(await dashboard.problems(), []);
  await page.close();
});
