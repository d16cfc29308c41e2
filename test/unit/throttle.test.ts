import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Throttle } from '../../src/core/util/throttle';
import { escapeHtml, makeNonce } from '../../src/host/html';
import { renderRunSummary } from '../../src/host/runSummaryHtml';
import type { RunView } from '../../src/host/runView';

const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
const run: RunView = {
  dir: `/w/.gan/runs/${hostile}`, runId: `ring-${hostile}`, name: hostile, status: 'failed', step: 12, totalSteps: 100,
  startedAt: '2026-11-23T00:00:00.000Z', group: 'ring.gan.yaml', live: false, error: `NaN ${hostile}`, configFile: `/w/${hostile}.gan.yaml`,
};

test('the run panel escapes every run-controlled string; its only script is its own, nonce-tagged', () => {
  const nonce = makeNonce();
  const html = renderRunSummary({ run, cspSource: 'vscode-resource:', nonce, sampleUri: 'https://file+.vscode-resource/x.png?step=12&"><script>' });
  assert.deepEqual(html.match(/<script[^>]*>/gi), [`<script nonce="${nonce}">`]);
  assert.match(html, /data-run-dir="\/w\/\.gan\/runs\/&lt;script&gt;/);
  assert.doesNotMatch(html, /<img src=x/);
  assert.doesNotMatch(html, /"><script>/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  const nonceSource = `'nonce-${nonce}'`;
  assert.ok(html.includes(`default-src 'none'; img-src vscode-resource:; style-src ${nonceSource}; script-src ${nonceSource};`));
  assert.match(html, /<p class="error">NaN &lt;script&gt;/);
  assert.equal(escapeHtml(`a&b<c>"d'`), 'a&amp;b&lt;c&gt;&quot;d&#39;');
  assert.notEqual(makeNonce(), nonce);
});

test('the run panel shows the latest losses, D outputs and sample grid when there are some', () => {
  const html = renderRunSummary({
    run: { ...run, runId: 'ring-1', status: 'running', live: true, error: undefined }, cspSource: 'src:', nonce: 'n',
    sampleUri: 'src:/samples/latest.png?step=12',
    metrics: { step: 12, time: '', elapsedSeconds: 1, dLoss: 1.386, gLoss: 0.693, dLossReal: 0.7, dLossFake: 0.686, dReal: 0.5, dFake: 0.49,
      gradNormD: 0.1, gradNormG: 0.2, stepsPerSecond: 40, examplesPerSecond: 2560 },
  });
  assert.match(html, /D 1\.386 \(real 0\.700, fake 0\.686\), G 0\.693/);
  assert.match(html, /<img src="src:\/samples\/latest\.png\?step=12"/);
  assert.match(html, /running \(in this window\)/);
  assert.match(renderRunSummary({ run, cspSource: 's', nonce: 'n' }), /No sample grid yet/);
});

test('a throttle runs at once after a quiet spell and folds a burst into one trailing run', async () => {
  let runs = 0;
  const throttle = new Throttle(() => runs++, 40);
  for (let i = 0; i < 10; i++) throttle.schedule();
  assert.equal(runs, 1, 'the first request runs at once');
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(runs, 2, 'the burst collapses into one run at the end of the cool-down');
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(runs, 2, 'nothing pending, nothing runs');
  throttle.schedule();
  throttle.schedule();
  throttle.dispose();
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(runs, 3, 'a disposed throttle drops what was pending');
});
