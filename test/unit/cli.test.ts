import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { decodePng } from '../../src/core/render/png';
import { isHistogramRecord, isMetricsRecord } from '../../src/core/run/records';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { cli, work, writeConfig, readInfo, runFolders, configFile, trainedRun } from './support/cli';

test('validate: a good config prints an ok line and exits 0', async () => {
  const result = await cli('validate', configFile);
  assert.equal(result.code, 0, result.all());
  assert.equal(result.out.length, 1);
  assert.match(result.out[0]!, /^ok\s+.*tiny\.gan\.yaml: tiny — ring data, mlp model/);
  assert.deepEqual(result.err, []);
});

test('validate: a bad config exits 2 naming the file, the field and the line, without a stack trace', async () => {
  const bad = writeConfig('bad-batch.gan.yaml', 'name: tiny\ndata: { kind: ring, count: 500 }\ntraining:\n  steps: 40\n  batchSize: 0\n');
  const result = await cli('validate', bad, configFile);
  assert.equal(result.code, 2);
  const message = result.err.join('\n');
  assert.match(message, /bad-batch\.gan\.yaml:5:\d+: training\.batchSize: /);
  assert.doesNotMatch(result.all(), /\n\s+at /);
  assert.doesNotMatch(message, /^\s+at /m);
  // The good file after it is still checked.
  assert.equal(result.out.length, 1);
  assert.match(result.out[0]!, /^ok\s+.*tiny\.gan\.yaml/);
});

test('validate: a family\'s config is summarised with its family, and without an objective where nothing is adversarial', async () => {
  const vae = writeConfig('vae.gan.yaml', 'name: v\nfamily: { kind: vae }\ndata: { kind: mnist }\n');
  const vaeGan = writeConfig('vaegan.gan.yaml', 'name: vg\nfamily: { kind: vae-gan }\ndata: { kind: mnist }\nobjective: { kind: least-squares }\n');
  const result = await cli('validate', vae, vaeGan);
  assert.equal(result.code, 0, result.all());
  assert.match(result.out[0]!, /: v — vae family, mnist data, \w+ model \(hash [0-9a-f]+\)$/);
  assert.match(result.out[1]!, /: vg — vae-gan family, mnist data, \w+ model, least-squares objective \(hash/);
});

test('validate without a file prints usage and exits 2', async () => {
  const result = await cli('validate');
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /usage: gan-studio validate/);
});

test('train writes a complete run folder', async () => {
  const runDir = await trainedRun();
  const info = readInfo(runDir);
  assert.equal(info.status, 'completed');
  assert.equal(info.step, 40);
  assert.equal(info.totalSteps, 40);
  assert.equal(info.backend?.backend, 'wasm');
  const attempts = info.backend?.attempts ?? [];
  assert.ok(attempts.length >= 1, 'backend attempts are recorded');
  assert.deepEqual(attempts.at(-1) && { backend: attempts.at(-1)!.backend, ok: attempts.at(-1)!.ok }, { backend: 'wasm', ok: true });
  for (const attempt of attempts.slice(0, -1)) assert.equal(attempt.ok, false, JSON.stringify(attempt));
  assert.ok(info.backend!.reason.length > 0);
  assert.deepEqual(info.lastCheckpoint, { step: 40, path: path.join('checkpoints', 'step-40') });

  const stored = JSON.parse(fs.readFileSync(path.join(runDir, 'config.json'), 'utf8')) as { hash: string; config: { name: string } };
  assert.equal(stored.config.name, 'tiny');
  assert.equal(stored.hash, info.configHash);

  const metrics = await readJsonLines(path.join(runDir, 'metrics.jsonl'), isMetricsRecord);
  assert.deepEqual(metrics.map((record) => record.step), [5, 10, 15, 20, 25, 30, 35, 40]);
  for (const record of metrics) assert.ok(Number.isFinite(record.dLoss) && Number.isFinite(record.gLoss));
  const histograms = await readJsonLines(path.join(runDir, 'histograms.jsonl'), isHistogramRecord);
  assert.deepEqual(histograms.map((record) => record.step), [0, 10, 20, 30, 40]);

  for (const file of ['samples/step-0.png', 'samples/step-40.png', 'samples/latest.png']) {
    const png = decodePng(fs.readFileSync(path.join(runDir, file)));
    assert.ok(png.width > 0 && png.height > 0, file);
  }
  assert.deepEqual(fs.readFileSync(path.join(runDir, 'samples/latest.png')), fs.readFileSync(path.join(runDir, 'samples/step-40.png')));
  const manifest = JSON.parse(fs.readFileSync(path.join(runDir, 'checkpoints/step-40/manifest.json'), 'utf8')) as { step: number };
  assert.equal(manifest.step, 40);
});

test('train prints where the run goes and that it completed', async () => {
  const runsDir = path.join(work, 'printed-runs');
  const result = await cli('train', configFile, '--steps', '10', '--runs-dir', runsDir);
  assert.equal(result.code, 0, result.all());
  const stdout = result.out.join('\n');
  assert.match(stdout, /^Training tiny-\S+ from step 0 to 10$/m);
  assert.match(stdout, /run folder: /);
  assert.match(stdout, /Completed step 10\/10/);
  const runDir = runFolders(runsDir)[0]!;
  assert.equal(readInfo(runDir).step, 10);
  // The stable latest.png (not step-N.png), then what to do with the run.
  const shown = stdout.match(/samples: (.+) \(step (\d+)\)$/m);
  assert.ok(shown, stdout);
  assert.equal(path.basename(shown[1]!), 'latest.png');
  assert.ok(fs.existsSync(shown[1]!), shown[1]);
  assert.match(stdout, /^Next:$/m);
  assert.match(stdout, /measure it again: +\S+.* eval \S+/);
  assert.match(stdout, /GAN Runs view/);
});

test('train with a missing config exits 2 with a clear message and creates no run', async () => {
  const runsDir = path.join(work, 'missing-runs');
  const missing = path.join(work, 'no-such.gan.yaml');
  const result = await cli('train', missing, '--runs-dir', runsDir);
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /cannot read config file .*no-such\.gan\.yaml/);
  assert.deepEqual(runFolders(runsDir), []);
});

test('train without a config or --resume exits 2', async () => {
  const result = await cli('train');
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /needs a config file or --resume/);
});

test('train with an unknown option exits 2 and lists the options', async () => {
  const result = await cli('train', configFile, '--stepz', '10');
  assert.equal(result.code, 2);
  const message = result.err.join('\n');
  assert.match(message, /unknown option --stepz/);
  for (const option of ['--steps', '--resume', '--backend', '--runs-dir']) assert.ok(message.includes(option), `${option} in: ${message}`);
});

test('train --steps must be a positive integer', async () => {
  const result = await cli('train', configFile, '--steps', '0', '--runs-dir', path.join(work, 'steps-zero'));
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /--steps must be an integer/);
});

test('train --backend gpu is rejected as an unknown backend (exit 2)', async () => {
  const runsDir = path.join(work, 'gpu-runs');
  const result = await cli('train', configFile, '--backend', 'gpu', '--runs-dir', runsDir);
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /--backend must be one of auto, tensorflow-gpu, webgpu, tensorflow, wasm, cpu; found 'gpu'/);
  assert.deepEqual(runFolders(runsDir), []);
});

const tfjsNodeInstalled = (() => {
  try {
    createRequire(__filename).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

test('train --backend tensorflow without tfjs-node exits 2 saying it is not installed', { skip: tfjsNodeInstalled && 'tfjs-node is installed here' }, async () => {
  const runsDir = path.join(work, 'native-runs');
  const result = await cli('train', configFile, '--backend', 'tensorflow', '--runs-dir', runsDir);
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /@tensorflow\/tfjs-node is not installed/);
  assert.deepEqual(runFolders(runsDir), [], 'no run folder for a run that never started');
});

test('runs lists runs with their status; an empty or missing folder says there are none', async () => {
  const runDir = await trainedRun();
  const listed = await cli('runs', '--runs-dir', path.dirname(runDir));
  assert.equal(listed.code, 0, listed.all());
  assert.match(listed.out[0]!, /^RUN\s+STATUS\s+STEP/);
  const row = listed.out.find((line) => line.startsWith(path.basename(runDir)));
  assert.ok(row, listed.out.join('\n'));
  assert.match(row, /\scompleted\s+40\/40\s/);
  assert.ok(row.includes(runDir));

  const emptyDir = path.join(work, 'empty-runs');
  fs.mkdirSync(emptyDir);
  const empty = await cli('runs', '--runs-dir', emptyDir);
  assert.equal(empty.code, 0);
  assert.deepEqual(empty.out, [`No runs in ${emptyDir}.`]);
  const missing = await cli('runs', '--runs-dir', path.join(work, 'never-created'));
  assert.equal(missing.code, 0);
  assert.match(missing.out.join('\n'), /^No runs in /);
});

test('--help lists every command; unknown commands exit 2', async () => {
  const help = await cli('--help');
  assert.equal(help.code, 0);
  const text = help.out.join('\n');
  for (const command of ['train', 'validate', 'runs', 'sample', 'eval', 'export']) {
    assert.match(text, new RegExp(`^  ${command}\\s+\\S`, 'm'), `${command} in help`);
    assert.ok(text.includes(`usage: gan-studio ${command}`), `usage of ${command}`);
  }
  const commandHelp = await cli('train', '--help');
  assert.equal(commandHelp.code, 0);
  assert.match(commandHelp.out.join('\n'), /^usage: gan-studio train/);

  const none = await cli();
  assert.equal(none.code, 2, 'no command at all is bad input');
  assert.match(none.err.join('\n'), /Commands:/, 'help for a missing command goes to stderr');

  const unknown = await cli('trian', configFile);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err.join('\n'), /unknown command 'trian' \(commands: train, validate, runs, sample, eval, export, encode, translate, doctor\)/);
});
