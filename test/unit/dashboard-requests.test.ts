import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handleDashboardMessage, type DashboardRequestHandlers } from '../../src/host/dashboardRequests';
import { MAX_COMPARED_RUNS } from '../../src/protocol/dashboardMessages';

// The host end of the dashboard channel: what the webview posts is checked against the protocol
// before anything acts on it (it used to be cast, then `trainer[message.action]()`).

function recorder(): { handlers: DashboardRequestHandlers; calls: unknown[][]; refused: string[]; refuse: (reason: string) => void } {
  const calls: unknown[][] = [];
  const refused: string[] = [];
  const record = (name: string) => (...args: unknown[]) => { calls.push([name, ...args]); };
  return {
    handlers: {
      snapshot: record('snapshot'), control: record('control'), advance: record('advance'), pace: record('pace'), tune: record('tune'), resumeFromCheckpoint: record('resumeFromCheckpoint'), openRunFolder: record('openRunFolder'),
      evaluate: record('evaluate'), exportMetrics: record('exportMetrics'),
      snapshotToNote: record('snapshotToNote'), compare: record('compare'),
    },
    calls, refused, refuse: (reason) => refused.push(reason),
  };
}

test('protocol messages reach their handler with checked values', async () => {
  const { handlers, calls, refused, refuse } = recorder();
  for (const message of [
    { type: 'ready' }, { type: 'resync' }, { type: 'control', action: 'pause' }, { type: 'control', action: 'stop' }, { type: 'advance', steps: 10 }, { type: 'pace', stepsPerSecond: 5 }, { type: 'pace' },
    { type: 'resumeFromCheckpoint' }, { type: 'openRunFolder' }, { type: 'evaluate' }, { type: 'snapshotToNote', step: 40 },
    { type: 'exportMetrics', title: 'Losses', columns: ['dLoss', 'gLoss'], format: 'csv' },
    { type: 'compare', requestId: 3, runDirs: ['/w/.gan/runs/b'] },
    { type: 'tune', change: { kind: 'learningRate', player: 'discriminator', value: 0.0005 } },
    { type: 'tune', change: { kind: 'only', player: 'generator', steps: 20 } },
  ]) await handleDashboardMessage(message, handlers, refuse);
  assert.deepEqual(calls, [
    ['snapshot'], ['snapshot'], ['control', 'pause'], ['control', 'stop'], ['advance', 10], ['pace', 5], ['pace', undefined], ['resumeFromCheckpoint'], ['openRunFolder'], ['evaluate'], ['snapshotToNote', 40],
    ['exportMetrics', { type: 'exportMetrics', title: 'Losses', columns: ['dLoss', 'gLoss'], format: 'csv' }],
    ['compare', { type: 'compare', requestId: 3, runDirs: ['/w/.gan/runs/b'] }],
    ['tune', { kind: 'learningRate', player: 'discriminator', value: 0.0005 }],
    ['tune', { kind: 'only', player: 'generator', steps: 20 }],
  ]);
  assert.deepEqual(refused, []);
});

test('a message outside the protocol is refused with the reason, and nothing runs', async () => {
  const { handlers, calls, refused, refuse } = recorder();
  const invalid: [unknown, RegExp][] = [
    [{ type: 'control', action: 'dispose' }, /action: /],
    [{ type: 'control', action: 'constructor' }, /action: /],
    [{ type: 'control' }, /action: /],
    [{ type: 'snapshotToNote', step: '../../x' }, /step: .*expected number/],
    [{ type: 'snapshotToNote', step: -1 }, /step: /],
    [{ type: 'compare', runDirs: ['/w/.gan/runs/b'] }, /requestId: /],
    [{ type: 'compare', requestId: 1, runDirs: '/etc' }, /runDirs: /],
    [{ type: 'compare', requestId: 1, runDirs: Array.from({ length: MAX_COMPARED_RUNS + 1 }, (_, i) => `/r/${i}`) }, /runDirs: /],
    [{ type: 'exec', command: 'rm -rf /' }, /type: /],
    [{ type: 'advance', steps: 0 }, /steps: /],
    [{ type: 'pace', stepsPerSecond: -1 }, /stepsPerSecond: /],
    [{ type: 'advance', steps: 1e9 }, /steps: /],
    [{ type: 'advance', steps: 1.5 }, /steps: /],
    [{ type: 'tune', change: { kind: 'learningRate', player: 'discriminator', value: -1 } }, /value: /],
    [{ type: 'tune', change: { kind: 'updates', player: 'discriminator', value: 1000 } }, /value: /],
    [{ type: 'tune', change: { kind: 'weight', name: 'gradientPenalty', value: Infinity } }, /value: /],
    [{ type: 'tune', change: { kind: 'only', player: 'generator' } }, /steps: /],
    [{ type: 'tune', change: { kind: 'reset' } }, /kind: /],
    [{ type: 'exportMetrics', title: 'Losses', columns: ['dLoss'], format: 'xlsx' }, /format: /],
    [{ type: 'exportMetrics', title: 'Losses', columns: [], format: 'csv' }, /columns: /],
    [{ type: '__proto__' }, /type: /],
    [null, /expected object/],
    ['ready', /expected object/],
  ];
  for (const [message] of invalid) await handleDashboardMessage(message, handlers, refuse);
  assert.deepEqual(calls, [], 'no handler ran');
  assert.equal(refused.length, invalid.length);
  invalid.forEach(([message, reason], i) => {
    assert.match(refused[i] ?? '', /^ignored a message outside the dashboard protocol \(/, JSON.stringify(message));
    assert.match(refused[i] ?? '', reason, JSON.stringify(message));
  });
});
