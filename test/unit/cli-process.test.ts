import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunInfo } from '../../src/core/run/records';
import { ensureCliBundle, runCli } from './support/cliProcess';
import { tempDir } from './support/training';

before(ensureCliBundle);

const work = tempDir('gan-studio-cli-process-');

test('SIGINT stops training at a step boundary with a checkpoint, and the run resumes', async () => {
  const config = path.join(work, 'long.gan.yaml');
  fs.writeFileSync(config, [
    'name: long', 'seed: 5',
    'data: { kind: ring, count: 500 }',
    'model: { kind: mlp, latentSize: 4, generator: { hidden: [16] }, discriminator: { hidden: [16] } }',
    'training: { batchSize: 32, steps: 100000 }',
    'logging: { every: 10, histogramEvery: 1000 }',
    'samples: { every: 1000000 }',
    'checkpoints: { every: 1000000 }',
  ].join('\n') + '\n');
  const runsDir = path.join(work, 'runs');

  let signalledAt = 0;
  const stopped = await runCli(['train', config, '--runs-dir', runsDir], (child, stdout) => {
    const poll = setInterval(() => {
      if (!stdout().includes('Training')) return;
      clearInterval(poll);
      setTimeout(() => {
        signalledAt = Date.now();
        child.kill('SIGINT');
      }, 500);
    }, 20);
    child.on('close', () => clearInterval(poll));
  });
  assert.ok(signalledAt > 0, `never saw training start: ${stopped.stdout}${stopped.stderr}`);
  assert.equal(stopped.signal, null, 'exits by itself, not killed by the signal');
  assert.equal(stopped.code, 0, stopped.stdout + stopped.stderr);
  assert.match(stopped.stderr, /Stopping at the next step boundary/);
  const match = /Stopped at step (\d+)\/100000/.exec(stopped.stdout);
  assert.ok(match, stopped.stdout);
  const step = Number(match[1]);
  assert.ok(step > 0 && step < 100000, `stopped at step ${step}`);
  assert.match(stopped.stdout, /resume with: gan-studio train --resume /);

  const [runName] = fs.readdirSync(runsDir);
  assert.ok(runName);
  const runDir = path.join(runsDir, runName);
  const info = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as RunInfo;
  assert.equal(info.status, 'stopped');
  assert.equal(info.step, step);
  assert.equal(info.lastCheckpoint?.step, step);
  assert.ok(fs.existsSync(path.join(runDir, 'checkpoints', `step-${step}`, 'manifest.json')));
  assert.ok(info.endedAt, 'endedAt is set');

  const resumed = await runCli(['train', '--resume', runDir, '--steps', String(step + 10)]);
  assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
  assert.match(resumed.stdout, new RegExp(`Resuming \\S+ from step ${step} to ${step + 10}`));
  const after = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as RunInfo;
  assert.equal(after.status, 'completed');
  assert.equal(after.step, step + 10);
  assert.equal(after.lastCheckpoint?.step, step + 10);
});

test('validate of a bad config exits 2 with the problem and no stack trace', async () => {
  const config = path.join(work, 'bad.gan.yaml');
  fs.writeFileSync(config, 'name: bad\ndata: { kind: ring }\nmodel:\n  kind: mlp\n  latentSize: -3\n');
  const result = await runCli(['validate', config]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /bad\.gan\.yaml:5:\d+: model\.latentSize: /);
  assert.doesNotMatch(result.stderr + result.stdout, /^\s+at /m);
  assert.equal(result.stdout, '');
});

test('an unknown command exits 2 and --help exits 0', async () => {
  const unknown = await runCli(['nonsense']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'nonsense'/);
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Commands:/);
});
