import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { isMetricsRecord } from '../../src/core/run/records';
import { useTestBackend } from './support/backend';
import { resolvedConfig, tempDir, train } from './support/training';

test('stepsPerSecond is the wall-clock rate, checkpoints and samples included; the steps alone have their own figure', async () => {
  await useTestBackend();
  // A checkpoint and a sample grid after every step: most of each turn of the loop is not the step.
  const { config, hash } = resolvedConfig({
    name: 'rate', seed: 4,
    data: { kind: 'ring', count: 256 },
    model: { kind: 'mlp', latentSize: 4, generator: { hidden: [16] }, discriminator: { hidden: [16] } },
    training: { steps: 40, batchSize: 32 },
    logging: { every: 10, histogramEvery: 40 },
    samples: { every: 1, count: 64, keepLast: 1 },
    checkpoints: { every: 1, keepLast: 1 },
  });
  const loggedAt = new Map<number, number>();
  const run = await train({ runsDir: tempDir(), config: { config, hash } }, (event) => {
    if (event.type === 'metrics') loggedAt.set(event.record.step, performance.now());
  });
  assert.equal(run.info.status, 'completed');
  const records = await readJsonLines(path.join(run.runDir, 'metrics.jsonl'), isMetricsRecord);
  const last = records.at(-1);
  assert.ok(last?.computeStepsPerSecond !== undefined, JSON.stringify(last));
  const [from, to] = [loggedAt.get(10), loggedAt.get(40)];
  assert.ok(from !== undefined && to !== undefined);
  const measured = 30 / ((to - from) / 1000);
  // The logged rate may not promise more than the clock delivered (it once did, by the checkpoints' share).
  assert.ok(last.stepsPerSecond <= measured * 1.25, `logged ${last.stepsPerSecond} steps/s, measured ${measured.toFixed(1)}`);
  assert.ok(last.stepsPerSecond >= measured * 0.4, `logged ${last.stepsPerSecond} steps/s, measured ${measured.toFixed(1)}`);
  assert.ok(last.computeStepsPerSecond > last.stepsPerSecond * 1.2, `compute ${last.computeStepsPerSecond}, whole ${last.stepsPerSecond}`);
});
