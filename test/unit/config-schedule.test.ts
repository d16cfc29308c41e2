import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigText } from '../../src/core/config/parse';
import { resolveSteps } from '../../src/core/config/schedule';
import { DEFAULT_STEPS } from '../../src/core/config/schema';
import type { GanConfig } from '../../src/core/config/schema';

function configWith(training: string): GanConfig {
  const result = parseConfigText(`name: demo\ndata: {kind: ring}\ntraining: ${training}\n`);
  if (!result.ok) assert.fail(result.issues.map((issue) => issue.message).join('\n'));
  return result.config;
}

test('explicit steps win, whatever the dataset size', () => {
  assert.equal(resolveSteps(configWith('{steps: 1234}'), 10_000), 1234);
});

test('epochs count real batches: every discriminator step consumes one', () => {
  // 10,000 points, batches of 100, 5 D-steps per G-step: one epoch is 20 G-steps.
  assert.equal(resolveSteps(configWith('{epochs: 3, batchSize: 100, dSteps: 5}'), 10_000), 60);
  // A partial last batch still needs a step; a tiny fraction of an epoch still trains once.
  assert.equal(resolveSteps(configWith('{epochs: 1, batchSize: 64}'), 1000), 16);
  assert.equal(resolveSteps(configWith('{epochs: 0.001, batchSize: 64}'), 100), 1);
});

test('with neither steps nor epochs, the default applies', () => {
  assert.equal(resolveSteps(configWith('{}'), 10_000), DEFAULT_STEPS);
});
