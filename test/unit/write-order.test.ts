import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRun } from '../../src/core/run/runReader';
import { ensureCliBundle, runCli } from './support/cliProcess';
import { tempDir } from './support/training';

before(ensureCliBundle);

const killer = path.join(__dirname, 'support', 'killAfterRename.cjs');
const work = tempDir('gan-studio-write-order-');
const config = path.join(work, 'order.gan.yaml');
fs.writeFileSync(config, [
  'name: order', 'seed: 13',
  'data: { kind: ring, count: 300 }',
  'model: { kind: mlp, latentSize: 2, generator: { hidden: [8] }, discriminator: { hidden: [8] } }',
  'training: { batchSize: 16, steps: 40 }',
  'logging: { every: 5, histogramEvery: 10 }',
  'samples: { every: 20 }',
  'checkpoints: { every: 10 }',
].join('\n') + '\n');

// Step 20 writes a metrics line, a histogram, a field record, a sample grid and a checkpoint. A
// kill right after any of them, then a resume, must leave every record of every step exactly once.
const boundaries = {
  'the checkpoint of step 20 is renamed into place': String.raw`checkpoints[\\/]step-20$`,
  'the sample grid of step 20 is written': String.raw`samples[\\/]step-20\.png$`,
};

for (const [boundary, pattern] of Object.entries(boundaries)) {
  test(`killed right after ${boundary}, the resumed run has no holes`, async () => {
    const runsDir = path.join(work, pattern.replace(/\W+/g, '-'));
    const killed = await runCli(['train', config, '--runs-dir', runsDir], undefined, 30_000,
      { nodeArgs: ['--require', killer], env: { GAN_STUDIO_TEST_KILL_AFTER_RENAME: pattern } });
    assert.equal(killed.signal, 'SIGKILL', `the trainer was killed at the boundary: ${killed.stdout}${killed.stderr}`);
    const [runName] = fs.readdirSync(runsDir);
    assert.ok(runName);
    const runDir = path.join(runsDir, runName);

    const resumed = await runCli(['train', '--resume', runDir], undefined, 30_000);
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    const run = await readRun(runDir);
    assert.equal(run.info.status, 'completed');
    assert.deepEqual(run.metrics.map((record) => record.step), [5, 10, 15, 20, 25, 30, 35, 40], 'one metrics line per logged step');
    assert.deepEqual(run.histograms.map((record) => record.step), [0, 10, 20, 30, 40], 'a histogram per scheduled step');
    assert.deepEqual(run.fields.map((record) => record.step), [0, 10, 20, 30, 40], 'a field record per histogram step');
    assert.deepEqual(run.samples.map((sample) => sample.step), [0, 20, 40], 'a sample grid per scheduled step');
  });
}
