import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRunInfo } from '../../src/core/run/runReader';
import { WINDOW_CLOSED } from '../../src/protocol/trainerMessages';
import { resolvedConfig, tempDir } from './support/training';

// A forked (native-backend) trainer outlives its host when the window reloads, closes or crashes:
// it must notice the IPC channel close and end as a window close ends a run.

const root = path.join(__dirname, '..', '..');
const entry = path.join(root, 'dist', 'trainer.js');
if (!fs.existsSync(entry)) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);

/** Stands in for the extension host: forks the trainer as channel.ts does, starts a run, and exits once it has a checkpoint. */
const hostScript = `
  const { fork } = require('node:child_process');
  const [entry, options] = process.argv.slice(1);
  const trainer = fork(entry, [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  trainer.stdout.resume();
  trainer.stderr.resume();
  let runDir;
  trainer.on('message', (message) => {
    if (message.type !== 'event') return;
    if (message.event.type === 'started') runDir = message.event.runDir;
    if (message.event.type === 'checkpoint' && message.event.step >= 20) {
      process.stdout.write(JSON.stringify({ runDir, pid: trainer.pid }) + '\\n', () => process.exit(0));
    }
  });
  trainer.send({ type: 'train', options: JSON.parse(options) });
`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a forked trainer whose host goes away stops at a step boundary with a checkpoint, and the run reads as interrupted', async () => {
  const { config, hash } = resolvedConfig({
    name: 'orphan', seed: 2, data: { kind: 'ring', count: 500 },
    model: { kind: 'mlp', latentSize: 4, generator: { hidden: [16] }, discriminator: { hidden: [16] } },
    training: { steps: 100_000, batchSize: 32 }, logging: { every: 5 }, samples: { every: 1000 }, checkpoints: { every: 10 },
  });
  const options = { runsDir: tempDir(), config: { config, hash }, backend: 'wasm' };
  const host = spawn(process.execPath, ['-e', hostScript, entry, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  host.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  await new Promise((resolve) => host.on('exit', resolve));
  const { runDir, pid } = JSON.parse(output) as { runDir: string; pid: number };

  // Bounded: a trainer that ignores its host's going would train 100,000 steps.
  for (let waited = 0; isAlive(pid) && waited < 30_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  const stillAlive = isAlive(pid);
  if (stillAlive) process.kill(pid, 'SIGKILL');
  assert.equal(stillAlive, false, 'the trainer ended on its own once its host was gone');
  const info = await readRunInfo(runDir);
  assert.equal(info.status, 'interrupted');
  assert.equal(info.error, WINDOW_CLOSED);
  assert.ok(info.step >= 20 && info.step < 100_000, `stopped early (step ${info.step})`);
  assert.equal(info.lastCheckpoint?.step, info.step, 'with a checkpoint at the step it stopped');
});
