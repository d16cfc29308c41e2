import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportMetrics } from '../../src/host/metricsExport';
import { tempDir } from './support/training';

// A chart's values saved from the dashboard: every logged line (not the chart's decimated,
// smoothed copy), with its step and wall time, in CSV or JSON.

const line = (step: number, extra: Record<string, unknown> = {}) => JSON.stringify({
  step, time: `2026-12-07T00:00:0${step}.000Z`, elapsedSeconds: step / 2, dLoss: 1 + step / 10, gLoss: 0.5, ...extra,
});

function runWith(lines: readonly string[]): string {
  const runDir = tempDir();
  fs.writeFileSync(path.join(runDir, 'metrics.jsonl'), `${lines.join('\n')}\n`);
  return runDir;
}

test('CSV: a header, then one row per metrics line; evaluation lines and torn lines are not rows; a missing value is empty', async () => {
  const runDir = runWith([
    line(1), line(2, { gradientPenalty: 0.25 }),
    JSON.stringify({ type: 'evaluation', step: 2, time: '', samples: 10, seconds: 1 }),
    '{"step": 3, "dLoss": ',
    line(4),
  ]);
  const exported = await exportMetrics(runDir, ['dLoss', 'gradientPenalty'], 'csv');
  assert.equal(exported.rows, 3);
  assert.equal(exported.skippedBytes, 0);
  assert.equal(exported.text, [
    'step,time,elapsedSeconds,dLoss,gradientPenalty',
    '1,2026-12-07T00:00:01.000Z,0.5,1.1,',
    '2,2026-12-07T00:00:02.000Z,1,1.2,0.25',
    '4,2026-12-07T00:00:04.000Z,2,1.4,',
    '',
  ].join('\n'));
});

test('JSON: one object per line with the asked columns, absent where a line lacks one', async () => {
  const runDir = runWith([line(1), line(2, { gradientPenalty: 0.25 })]);
  const exported = await exportMetrics(runDir, ['gLoss', 'gradientPenalty', 'step'], 'json');
  assert.deepEqual(JSON.parse(exported.text), [
    { step: 1, time: '2026-12-07T00:00:01.000Z', elapsedSeconds: 0.5, gLoss: 0.5 },
    { step: 2, time: '2026-12-07T00:00:02.000Z', elapsedSeconds: 1, gLoss: 0.5, gradientPenalty: 0.25 },
  ]);
});

test('a metrics.jsonl larger than the read limit exports its latest part and says how much was left out', async () => {
  const lines = Array.from({ length: 200 }, (_, i) => line(i));
  const runDir = runWith(lines);
  const size = fs.statSync(path.join(runDir, 'metrics.jsonl')).size;
  const exported = await exportMetrics(runDir, ['dLoss'], 'csv', 4096);
  assert.ok(exported.rows > 10 && exported.rows < 200, `${exported.rows} rows`);
  assert.equal(exported.skippedBytes, size - 4096);
  assert.match(exported.text.trimEnd().split('\n').at(-1)!, /^199,/, 'the newest line is there');
});

test('a run without metrics.jsonl exports just the header', async () => {
  const exported = await exportMetrics(tempDir(), ['dLoss'], 'csv');
  assert.deepEqual([exported.rows, exported.text], [0, 'step,time,elapsedSeconds,dLoss\n']);
});
