import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRun } from '../../src/core/train/evaluateRun';
import { useTestBackend } from './support/backend';
import { shortenedExample, tempDir, train } from './support/training';

// The shipped InfoGAN recipe, cut from 1,500 steps to 500 for CI. `npm run quality` trains it to the
// end against the full bar (code accuracy ≥ 90 %, within-code diversity ≥ 0.5); by step 500 its
// categories already hold one digit each for most of the ten (0.73 on the recipe's seed 1, 0.67–0.88
// on seeds 11–13), where a code that ignored the digits would score about 0.12 (best matching of
// random categories).
test('the InfoGAN recipe, shortened: its categorical code matches the digit of at least half the samples', async (t) => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: await shortenedExample('examples/mnist-infogan.gan.yaml', 500) });
  assert.equal(run.info.status, 'completed');
  const record = await evaluateRun({ runDir: run.runDir });
  t.diagnostic(`step 500: code accuracy ${record.codeAccuracy}, FID ${record.fid!.value} (floor ${record.fid!.floor})`);
  assert.ok(record.codeAccuracy! >= 0.5, `code accuracy ${record.codeAccuracy}`);
  assert.ok(record.fid!.value < 250, `FID ${record.fid!.value} (floor ${record.fid!.floor})`);
});
