import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../../src/core/errors';
import { isMetricsRecord, type RunInfo } from '../../src/core/run/records';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { RunLock } from '../../src/core/run/runLock';
import { RunManager } from '../../src/host/runManager';
import { useTestBackend } from './support/backend';
import { cliBundle, ensureCliBundle, runCli, type Finished } from './support/cliProcess';
import { resolvedConfig, tempDir, train } from './support/training';

before(ensureCliBundle);

const LOCK = 'train.lock';

/** A run with a checkpoint at step 20, ready to be resumed. */
async function checkpointedRun(name: string): Promise<string> {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({
    name, seed: 7, data: { kind: 'ring', count: 300 },
    model: { kind: 'mlp', latentSize: 2, generator: { hidden: [8] }, discriminator: { hidden: [8] } },
    training: { steps: 20, batchSize: 16 }, logging: { every: 5, histogramEvery: 1000 }, samples: { every: 1000 }, checkpoints: { every: 20 },
  }) });
  assert.equal(run.info.status, 'completed');
  assert.ok(!fs.existsSync(path.join(run.runDir, LOCK)), 'a finished run holds no lock');
  return run.runDir;
}

function writeLock(runDir: string, holder: { pid: number; hostname: string }): void {
  fs.writeFileSync(path.join(runDir, LOCK), JSON.stringify({ ...holder, thread: 0, startedAt: new Date().toISOString(), token: 'test' }));
}

/** The pid of a process that has already exited (a start can fail for a moment on a loaded machine: retried). */
function deadPid(): number {
  let error: Error | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const child = spawnSync(process.execPath, ['-e', '']);
    if (child.pid) return child.pid;
    error = child.error;
  }
  assert.fail(`could not start a short-lived process: ${String(error)}`);
}

test('two `train --resume` of one run at once: one trains, the other is refused naming the run, its holder and what to do', async () => {
  const runDir = await checkpointedRun('raced');
  const runId = path.basename(runDir);
  const children = new Map<number, ChildProcess>();
  const resuming = new Set<number>();
  let stopping = false;
  // Once the loser is out (or both train: the bug), let the trainer run a moment, then stop it cleanly.
  const maybeStop = () => {
    if (stopping || !(resuming.size === 2 || (children.size === 1 && resuming.size === 1))) return;
    stopping = true;
    setTimeout(() => { for (const child of children.values()) child.kill('SIGINT'); }, 500);
  };
  const pids: number[] = [];
  const race = [0, 1].map((i) => runCli(['train', '--resume', runDir, '--steps', '100000'], (child, stdout) => {
    children.set(i, child);
    pids[i] = child.pid ?? -1;
    const poll = setInterval(() => {
      if (stdout().includes('Resuming')) resuming.add(i);
      maybeStop();
    }, 20);
    child.on('close', () => { clearInterval(poll); children.delete(i); maybeStop(); });
  }, 60_000));
  const results: Finished[] = await Promise.all(race);

  const refused = results.findIndex((result) => result.code === 2);
  assert.notEqual(refused, -1, `one of the two must be refused:\n${results.map((r) => `${r.code}: ${r.stdout}${r.stderr}`).join('\n---\n')}`);
  const winner = 1 - refused;
  const [lost, won] = [results[refused]!, results[winner]!];
  assert.equal(won.code, 0, won.stdout + won.stderr);
  assert.match(won.stdout, /Stopped at step \d+\/100000/);
  assert.match(lost.stderr, new RegExp(`run ${runId} is being trained by process ${pids[winner]} on this host`));
  assert.match(lost.stderr, /resume with: gan-studio train --resume /);
  assert.doesNotMatch(lost.stderr, /^\s+at /m, 'no stack trace');
  assert.equal(lost.stdout, '', 'the refused trainer trained nothing');

  const steps = (await readJsonLines(path.join(runDir, 'metrics.jsonl'), isMetricsRecord)).map((record) => record.step);
  assert.deepEqual(steps, [...new Set(steps)].sort((a, b) => a - b), 'one metrics line per step, in order');
  const info = JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as RunInfo;
  assert.equal(info.status, 'stopped');
  assert.ok((steps.at(-1) ?? 0) <= info.step && info.step - (steps.at(-1) ?? 0) < 5, `metrics end at the last logged step before ${info.step}`);
  assert.ok(!fs.existsSync(path.join(runDir, LOCK)), 'the lock is released when the trainer ends');
  assert.deepEqual(fs.readdirSync(path.join(runDir, 'checkpoints')).filter((name) => name.endsWith('.partial')), [], 'no torn checkpoint');
});

test('a stale lock of a dead process on this host is taken over', async () => {
  const runDir = await checkpointedRun('stale');
  writeLock(runDir, { pid: deadPid(), hostname: os.hostname() });
  const resumed = await train({ runsDir: path.dirname(runDir), resumeDir: runDir, steps: 25 });
  assert.equal(resumed.info.status, 'completed');
  assert.ok(!fs.existsSync(path.join(runDir, LOCK)));
});

test('a trainer slow to take over a stale lock never removes the lock another trainer took meanwhile', async () => {
  const runDir = tempDir();
  const file = path.join(runDir, LOCK);
  writeLock(runDir, { pid: deadPid(), hostname: os.hostname() });
  // The slow trainer reads the stale lock, then stalls (as a busy machine may stall it) until the
  // fast one has taken the lock over completely.
  const readFile = fs.promises.readFile;
  let resumeSlow = () => undefined as void;
  const slowRead = new Promise<void>((resolve) => { resumeSlow = resolve; });
  let stalled = false;
  fs.promises.readFile = (async (...args: Parameters<typeof readFile>) => {
    const text = await readFile(...args);
    if (!stalled && args[0] === file) {
      stalled = true;
      await slowRead;
    }
    return text;
  }) as typeof readFile;
  try {
    const slow = RunLock.acquire(runDir);
    while (!stalled) await new Promise((resolve) => setTimeout(resolve, 5));
    const fast = await RunLock.acquire(runDir);
    resumeSlow();
    await assert.rejects(slow, new RegExp(`being trained by process ${process.pid} on this host`));
    const onDisk = JSON.parse(fs.readFileSync(file, 'utf8')) as { token: string };
    assert.equal(onDisk.token, fast.holder.token, 'the lock on disk is still the fast trainer\'s');
    fast.release();
    assert.deepEqual(fs.readdirSync(runDir), [], 'no lock, temporary file or takeover marker is left');
  } finally {
    fs.promises.readFile = readFile;
  }
});

test('a lock held on another host is not taken over; the message says whose it is', async () => {
  const runDir = await checkpointedRun('elsewhere');
  writeLock(runDir, { pid: 4242, hostname: 'gpu-box-7' });
  await assert.rejects(train({ runsDir: path.dirname(runDir), resumeDir: runDir, steps: 25 }), (error: Error) => error instanceof UserError
    && /is being trained by process 4242 on host gpu-box-7/.test(error.message)
    && error.message.includes(path.join(runDir, LOCK)));
  assert.ok(fs.existsSync(path.join(runDir, LOCK)), 'the other host\'s lock stays');
});

test('the extension\'s run manager refuses to resume a locked run and starts no trainer', async () => {
  const runDir = await checkpointedRun('held');
  writeLock(runDir, { pid: process.pid, hostname: os.hostname() });
  const manager = new RunManager(path.join(path.dirname(cliBundle), 'trainer.js'),
    () => ({ maxConcurrentRuns: 2, backend: 'cpu', nativeSearchDirs: [], retention: {} }));
  try {
    await assert.rejects(manager.start({ kind: 'resume', runsDir: path.dirname(runDir), runDir, backend: 'cpu' }),
      (error: Error) => error instanceof UserError && new RegExp(`run ${path.basename(runDir)} is being trained by process ${process.pid}`).test(error.message));
    assert.deepEqual(manager.active(), []);
  } finally {
    manager.dispose();
  }
});

test('a trainer thread the extension terminates leaves no lock behind', async () => {
  const runDir = await checkpointedRun('terminated');
  const manager = new RunManager(path.join(path.dirname(cliBundle), 'trainer.js'),
    () => ({ maxConcurrentRuns: 2, backend: 'cpu', nativeSearchDirs: [], retention: {} }));
  try {
    const run = await manager.start({ kind: 'resume', runsDir: path.dirname(runDir), runDir, steps: 1_000_000, backend: 'cpu' });
    assert.equal(run.client.transport, 'worker');
    await new Promise<void>((resolve) => {
      const subscription = run.client.on((event) => {
        if (event.type === 'progress') { subscription.dispose(); resolve(); }
      });
    });
    assert.ok(fs.existsSync(path.join(runDir, LOCK)), 'the training worker holds the lock');
    run.client.dispose();
    await run.client.done;
    assert.ok(!fs.existsSync(path.join(runDir, LOCK)), 'the host released the terminated worker\'s lock');
  } finally {
    manager.dispose();
  }
  const resumed = await train({ runsDir: path.dirname(runDir), resumeDir: runDir, steps: 25 });
  assert.equal(resumed.info.status, 'completed');
});
