import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRun } from '../../src/core/train/evaluateRun';
import { useTestBackend } from './support/backend';
import { shortenedExample, tempDir, train } from './support/training';

// The shipped 5×5-grid recipe, cut from 8,000 steps to 2,500 for CI. `npm run quality` trains it to
// the end against the full bar (≥ 24/25 modes, ≥ 90 % high quality); at step 2,500 the recipe has
// covered every mode for about a thousand steps, and 65–80 % of its samples sit within 3σ of one.
test('the 5×5-grid recipe, shortened: at least 22 of 25 modes and half the samples within 3σ', async () => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: await shortenedExample('examples/grid.gan.yaml', 2500) });
  assert.equal(run.info.status, 'completed');
  const record = await evaluateRun({ runDir: run.runDir });
  const modes = record.modes!;
  assert.ok(modes.covered >= 22, `modes covered: ${modes.covered}/25`);
  assert.ok(modes.highQualityShare >= 0.5, `high-quality share: ${modes.highQualityShare}`);
});
