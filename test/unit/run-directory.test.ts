import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../../src/core/run/atomicFile';
import { isObjectWithStep, parseJsonLines, readJsonLines } from '../../src/core/run/jsonLines';
import { effectiveStatus, isTrainerAlive } from '../../src/core/run/liveness';
import { isMetricsRecord, RUN_FORMAT, type RunInfo } from '../../src/core/run/records';
import { listRuns, readRun } from '../../src/core/run/runReader';
import { useTestBackend } from './support/backend';
import { resolvedConfig, tempDir, train, type FinishedRun } from './support/training';

const work = tempDir('gan-studio-run-dir-');

/** A tiny run: 50 steps with samples and checkpoints every 10, each keeping the newest 2. */
let prunedRun: Promise<FinishedRun> | undefined;
function trainedRun(): Promise<FinishedRun> {
  prunedRun ??= (async () => {
    await useTestBackend();
    const { config, hash } = resolvedConfig({
      name: 'pruned', seed: 2,
      data: { kind: 'ring', count: 500 },
      model: { kind: 'mlp', latentSize: 4, generator: { hidden: [16] }, discriminator: { hidden: [16] } },
      training: { steps: 50, batchSize: 32 },
      logging: { every: 5, histogramEvery: 10 },
      samples: { every: 10, count: 32, keepLast: 2 },
      checkpoints: { every: 10, keepLast: 2 },
    });
    const run = await train({ runsDir: path.join(work, 'runs'), config: { config, hash } });
    assert.equal(run.info.status, 'completed');
    return run;
  })();
  return prunedRun;
}

async function copyOfRun(name: string): Promise<string> {
  const target = path.join(work, 'copies', name);
  fs.cpSync((await trainedRun()).runDir, target, { recursive: true });
  return target;
}

function runInfo(patch: Partial<RunInfo>): RunInfo {
  return {
    format: RUN_FORMAT, runId: 'r', name: 'r', status: 'running', step: 0, totalSteps: 10, seed: 1, configHash: 'h',
    dataset: 'd', startedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...patch,
  };
}

test('jsonl parsing skips blank lines, a malformed line and a torn last line', () => {
  const text = [
    '{"step":1}', '', '   ', '{"step":2}', 'not json', '{"other":true}', '{"step":3}', '{"step":4,"dLo',
  ].join('\n');
  assert.deepEqual(parseJsonLines(text, isObjectWithStep), [{ step: 1 }, { step: 2 }, { step: 3 }]);
  assert.deepEqual(parseJsonLines('{"step":1}\r\n\r\n{"step":2}\r\n', isObjectWithStep), [{ step: 1 }, { step: 2 }]);
  assert.deepEqual(parseJsonLines('', isObjectWithStep), []);
});

test('readRun and readJsonLines tolerate a torn last line in metrics.jsonl', async () => {
  const runDir = await copyOfRun('torn');
  const metricsFile = path.join(runDir, 'metrics.jsonl');
  const intact = await readJsonLines(metricsFile, isMetricsRecord);
  assert.deepEqual(intact.map((record) => record.step), [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);

  const next = JSON.stringify({ ...intact.at(-1)!, step: 55 });
  fs.appendFileSync(metricsFile, '\n' + next.slice(0, Math.floor(next.length / 2)));
  fs.appendFileSync(path.join(runDir, 'histograms.jsonl'), '{"step":60,"lo":0,"real":[1,');
  assert.deepEqual(await readJsonLines(metricsFile, isMetricsRecord), intact);

  const snapshot = await readRun(runDir);
  assert.deepEqual(snapshot.metrics, intact);
  assert.deepEqual(snapshot.histograms.map((record) => record.step), [0, 10, 20, 30, 40, 50]);
  assert.equal(snapshot.info.status, 'completed');
  assert.deepEqual(snapshot.samples.map((sample) => sample.step), [40, 50]);
  assert.equal(await readJsonLines(path.join(runDir, 'no-such.jsonl'), isMetricsRecord).then((records) => records.length), 0);
});

test('a run with a torn metrics line resumes and leaves a clean metrics.jsonl', async () => {
  const runDir = await copyOfRun('torn-resume');
  const metricsFile = path.join(runDir, 'metrics.jsonl');
  fs.appendFileSync(metricsFile, '{"step":55,"time":"2026-');
  const resumed = await train({ runsDir: path.join(work, 'unused'), resumeDir: runDir, steps: 60 });
  assert.equal(resumed.info.status, 'completed');
  assert.equal(resumed.info.step, 60);
  const lines = fs.readFileSync(metricsFile, 'utf8').split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  // Metrics lines every 5 steps; on the ring, an evaluation with each sample picture (every 10 steps) after that step's metrics line.
  const steps = lines.map((line) => JSON.parse(line) as { step: number; type?: string }).map(({ step, type }) => type === 'evaluation' ? `e${step}` : step);
  assert.deepEqual(steps, ['e0', 5, 10, 'e10', 15, 20, 'e20', 25, 30, 'e30', 35, 40, 'e40', 45, 50, 'e50', 55, 60, 'e60']);
});

test('writeFileAtomic replaces the target whole and leaves no temporary file', async () => {
  const folder = path.join(work, 'atomic');
  fs.mkdirSync(folder);
  const file = path.join(folder, 'run.json');
  await writeFileAtomic(file, 'first');
  assert.equal(fs.readFileSync(file, 'utf8'), 'first');
  await writeFileAtomic(file, new Uint8Array([0x73, 0x65, 0x63, 0x6f, 0x6e, 0x64]));
  assert.equal(fs.readFileSync(file, 'utf8'), 'second');
  await Promise.all(Array.from({ length: 20 }, (_, i) => writeFileAtomic(file, `parallel ${i}`)));
  assert.match(fs.readFileSync(file, 'utf8'), /^parallel \d+$/);
  assert.deepEqual(fs.readdirSync(folder), ['run.json']);
});

test('writeFileAtomic cleans up its temporary file when the write fails', async () => {
  const folder = path.join(work, 'atomic-failure');
  const target = path.join(folder, 'occupied');
  fs.mkdirSync(path.join(target, 'child'), { recursive: true });
  // A non-empty folder cannot be replaced by a file: the rename fails after the temp file is written.
  await assert.rejects(writeFileAtomic(target, 'data'));
  assert.deepEqual(fs.readdirSync(folder), ['occupied']);
  await assert.rejects(writeFileAtomic(path.join(folder, 'missing', 'file'), 'data'), { code: 'ENOENT' });
  assert.deepEqual(fs.readdirSync(folder), ['occupied']);
});

test('a reader racing writeFileAtomic sees the old or the new content, never a mix', async () => {
  const folder = path.join(work, 'atomic-race');
  fs.mkdirSync(folder);
  const file = path.join(folder, 'big.json');
  const versions = ['a', 'b'].map((letter) => letter.repeat(512 * 1024));
  await writeFileAtomic(file, versions[0]!);
  let writing = true;
  let reads = 0;
  const torn: string[] = [];
  const reader = (async () => {
    while (writing) {
      const text = await fs.promises.readFile(file, 'utf8');
      if (!versions.includes(text)) torn.push(`${text.length} chars, starting ${text.slice(0, 4)}, ending ${text.slice(-4)}`);
      reads++;
    }
  })();
  for (let i = 1; i <= 40; i++) await writeFileAtomic(file, versions[i % 2]!);
  writing = false;
  await reader;
  assert.ok(reads > 0);
  assert.deepEqual(torn, [], `torn reads out of ${reads}`);
  assert.deepEqual(fs.readdirSync(folder), ['big.json']);
});

test('listRuns skips folders that are not runs, lists unreadable run.json files apart, and sorts newest first', async () => {
  const runsDir = path.join(work, 'listing');
  const addRun = (name: string, startedAt: string) => {
    fs.mkdirSync(path.join(runsDir, name), { recursive: true });
    fs.writeFileSync(path.join(runsDir, name, 'run.json'), JSON.stringify(runInfo({ runId: name, startedAt, status: 'completed' })));
  };
  addRun('january', '2026-01-05T10:00:00.000Z');
  addRun('march', '2026-03-01T08:00:00.000Z');
  addRun('february', '2026-02-11T23:59:59.000Z');
  fs.mkdirSync(path.join(runsDir, 'empty-folder'));
  fs.mkdirSync(path.join(runsDir, 'torn'));
  fs.writeFileSync(path.join(runsDir, 'torn', 'run.json'), '{"runId":"torn","sta');
  fs.mkdirSync(path.join(runsDir, 'foreign'));
  fs.writeFileSync(path.join(runsDir, 'foreign', 'run.json'), JSON.stringify({ runId: 'foreign', status: 'sleeping', step: 1 }));
  fs.writeFileSync(path.join(runsDir, 'notes.txt'), 'not a run');

  const { runs, unreadable } = await listRuns(runsDir);
  assert.deepEqual(runs.map((run) => run.info.runId), ['march', 'february', 'january']);
  assert.deepEqual(runs.map((run) => run.dir), ['march', 'february', 'january'].map((name) => path.join(runsDir, name)));
  assert.deepEqual(unreadable.map((run) => path.basename(run.dir)), ['foreign', 'torn']);
  assert.deepEqual(await listRuns(path.join(work, 'no-runs-here')), { runs: [], unreadable: [] });
});

test('effectiveStatus calls a running run whose trainer died on this host interrupted', async () => {
  const exited = spawnSync(process.execPath, ['-e', '']);
  assert.equal(exited.status, 0);
  const deadPid = exited.pid;
  assert.ok(deadPid > 0);
  const here = os.hostname();

  const dead = runInfo({ status: 'running', pid: deadPid, hostname: here });
  assert.equal(isTrainerAlive(dead), false);
  assert.equal(effectiveStatus(dead), 'interrupted');
  assert.equal(effectiveStatus({ ...dead, status: 'paused' }), 'interrupted');
  // Finished runs keep their status whoever wrote them.
  for (const status of ['completed', 'stopped', 'failed'] as const) assert.equal(effectiveStatus({ ...dead, status }), status);
  // A live trainer, and a run trained on another machine (whose pid means nothing here), stay running.
  const live = runInfo({ status: 'running', pid: process.pid, hostname: here });
  assert.equal(isTrainerAlive(live), true);
  assert.equal(effectiveStatus(live), 'running');
  assert.equal(effectiveStatus({ ...dead, hostname: `${here}-elsewhere` }), 'running');
  // A live process other than this one.
  const parent = runInfo({ status: 'running', pid: process.ppid, hostname: here });
  assert.equal(effectiveStatus(parent), 'running');
});

test('samples.keepLast keeps only the newest sample grids besides latest.png', async () => {
  const { runDir, info } = await trainedRun();
  const samples = fs.readdirSync(path.join(runDir, 'samples')).sort();
  assert.deepEqual(samples, ['latest.png', 'step-40.png', 'step-50.png']);
  assert.deepEqual(info.lastSample, { step: 50, path: path.join('samples', 'step-50.png') });
  assert.deepEqual(fs.readFileSync(path.join(runDir, 'samples', 'latest.png')), fs.readFileSync(path.join(runDir, 'samples', 'step-50.png')));
});

test('checkpoints.keepLast keeps exactly the newest checkpoints', async () => {
  const { runDir, info } = await trainedRun();
  const checkpoints = fs.readdirSync(path.join(runDir, 'checkpoints')).sort();
  assert.deepEqual(checkpoints, ['step-40', 'step-50']);
  for (const name of checkpoints) assert.ok(fs.existsSync(path.join(runDir, 'checkpoints', name, 'manifest.json')), name);
  assert.deepEqual(info.lastCheckpoint, { step: 50, path: path.join('checkpoints', 'step-50') });
});
