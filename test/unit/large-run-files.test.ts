import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readLastJsonLine } from '../../src/core/run/jsonLines';
import { JsonLinesFollower, type FollowedBatch } from '../../src/core/run/jsonLinesFollower';
import { sampleJsonLines } from '../../src/core/run/jsonLinesSample';
import { listRuns, readRunInfo } from '../../src/core/run/runReader';
import { isMetricsRecord, type MetricsRecord } from '../../src/core/run/records';
import { toMetricSeries } from '../../src/host/dashboardContent';
import { RunFeed } from '../../src/host/dashboardFeed';
import { MetricHistory } from '../../src/host/metricHistory';
import { LossSummaries, readLossSummary } from '../../src/host/notes/lossSummary';
import type { HostToDashboard, RunHeader } from '../../src/protocol/dashboardMessages';
import { tempDir } from './support/training';
import { ganCatalogue } from '../../src/core/families/gan/catalogue';

// A workspace may hold a metrics.jsonl of hundreds of megabytes (a run of millions of logged steps,
// or a hostile repository's): the host reads it in chunks with the event loop turning between them,
// keeps bounded histories and says what it left out.

const record = (step: number, over: Partial<MetricsRecord> = {}): MetricsRecord => ({
  step, time: '', elapsedSeconds: step, dLoss: 1 + (step % 7) / 100, gLoss: 2 - (step % 5) / 100, dLossReal: 0.5, dLossFake: 0.5,
  dReal: 0.6, dFake: 0.4, gradNormD: 1, gradNormG: 1, stepsPerSecond: 10, examplesPerSecond: 640, ...over,
});

function writeMetrics(file: string, steps: number, over: (step: number) => Partial<MetricsRecord> = () => ({})): void {
  const out = fs.openSync(file, 'w');
  for (let from = 1; from <= steps; from += 10_000) {
    const to = Math.min(steps, from + 9_999);
    fs.writeSync(out, Array.from({ length: to - from + 1 }, (_, i) => `${JSON.stringify(record(from + i, over(from + i)))}\n`).join(''));
  }
  fs.closeSync(out);
}

async function readAll<T>(follower: JsonLinesFollower<T>): Promise<FollowedBatch<T>[]> {
  const batches: FollowedBatch<T>[] = [];
  for await (const batch of follower.read()) batches.push(batch);
  return batches;
}

const header = (runDir: string): RunHeader => ({
  runDir, runId: 'big', name: 'big', status: 'completed', step: 0, totalSteps: 0, live: false, dataKind: 'points',
  objective: 'non-saturating', metrics: ganCatalogue('non-saturating'), views: [],
});
type Snapshot = Extract<HostToDashboard, { type: 'snapshot' }>;

test('a follower reads a large file in chunks, and the event loop turns between them', async () => {
  const file = path.join(tempDir(), 'metrics.jsonl');
  writeMetrics(file, 20_000);
  const follower = new JsonLinesFollower(file, isMetricsRecord, { chunkBytes: 64 * 1024 });
  let turns = 0;
  let turning = true;
  const turn = (): void => { turns++; if (turning) setImmediate(turn); };
  setImmediate(turn);
  const turnsAtBatch: number[] = [];
  let steps = 0;
  let last = 0;
  for await (const batch of follower.read()) {
    turnsAtBatch.push(turns);
    steps += batch.records.length;
    last = batch.records.at(-1)?.step ?? last;
  }
  turning = false;
  assert.ok(turnsAtBatch.length > 10, `read in chunks (${turnsAtBatch.length} batches)`);
  assert.ok(turnsAtBatch.every((at, i) => i === 0 || at > (turnsAtBatch[i - 1] ?? 0)), 'the loop turned between every two chunks');
  assert.deepEqual([steps, last], [20_000, 20_000], 'every line, none twice, across chunk boundaries');
  assert.deepEqual(await readAll(follower), [], 'nothing new, nothing read');
});

test('a multi-byte character split across two chunks survives', async () => {
  const file = path.join(tempDir(), 'notes.jsonl');
  const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ step: i, text: 'é✓€'.repeat(i + 1) }));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  const isText = (value: unknown): value is { step: number; text: string } => typeof (value as { text?: unknown }).text === 'string';
  const follower = new JsonLinesFollower(file, isText, { chunkBytes: 7 });
  const records = (await readAll(follower)).flatMap((batch) => batch.records);
  assert.deepEqual(records.map((line) => line.text), lines.map((line) => (JSON.parse(line) as { text: string }).text));
});

test('a file over the follower\'s limit is read from its tail, from a whole line on, and says how much it skipped', async () => {
  const file = path.join(tempDir(), 'metrics.jsonl');
  writeMetrics(file, 5000);
  const size = fs.statSync(file).size;
  const follower = new JsonLinesFollower(file, isMetricsRecord, { maxBytes: 100_000 });
  const records = (await readAll(follower)).flatMap((batch) => batch.records);
  assert.ok(follower.skippedBytes > size - 100_000 - 400 && follower.skippedBytes <= size - 100_000 + 400, `${follower.skippedBytes}`);
  const tail = fs.readFileSync(file, 'utf8').slice(follower.skippedBytes).split('\n').filter(Boolean).length;
  assert.equal(records.length, tail, 'every whole line of the tail, no torn first line');
  assert.equal(records.at(-1)?.step, 5000);
  fs.appendFileSync(file, `${JSON.stringify(record(5001))}\n`);
  assert.deepEqual((await readAll(follower)).flatMap((batch) => batch.records.map((line) => line.step)), [5001], 'then it follows');
});

test('a sample of a large file is a bounded number of lines spread over all of it, the last line included', async () => {
  const file = path.join(tempDir(), 'metrics.jsonl');
  writeMetrics(file, 50_000);
  const sample = await sampleJsonLines(file, isMetricsRecord, { count: 100 });
  assert.ok(sample.length <= 100 && sample.length >= 95, `${sample.length} lines`);
  assert.ok((sample[0]?.step ?? Infinity) <= 600, 'from the start');
  assert.equal(sample.at(-1)?.step, 50_000, 'to the very end');
  const steps = sample.map((line) => line.step);
  assert.deepEqual(steps, [...steps].sort((a, b) => a - b));
  const gaps = steps.slice(1).map((step, i) => step - (steps[i] ?? 0));
  assert.ok(Math.max(...gaps) < 2 * Math.min(...gaps.slice(0, -1)) + 10, `evenly spread: ${Math.min(...gaps)}…${Math.max(...gaps)}`);
  const small = path.join(tempDir(), 'small.jsonl');
  writeMetrics(small, 30);
  assert.deepEqual((await sampleJsonLines(small, isMetricsRecord, { count: 100 })).map((line) => line.step), Array.from({ length: 30 }, (_, i) => i + 1),
    'a file with fewer lines gives all of them');
});

test('a long metric history is decimated to a bounded number of rows that keep every span\'s extremes and the latest point', () => {
  const history = new MetricHistory(1000);
  const spike = 123_457;
  const dip = 345_679;
  for (let step = 1; step <= 1_000_000; step++) {
    history.add(record(step, step === spike ? { dLoss: 99 } : step === dip ? { gLoss: -5 } : {}));
  }
  const series = history.series();
  assert.ok(series.steps.length <= 1000 && series.steps.length > 400, `${series.steps.length} rows`);
  assert.equal(series.steps.at(-1), 1_000_000, 'the latest step');
  assert.equal(series.values.dLoss?.at(-1), record(1_000_000).dLoss, 'with its own values');
  assert.ok(series.values.dLoss?.includes(99), 'a one-step spike survives');
  assert.ok(series.values.gLoss?.includes(-5), 'a one-step dip survives');
  assert.ok(series.steps.every((step, i) => i === 0 || step > (series.steps[i - 1] ?? 0)), 'steps increase');
  // These lines' training time is their step: each row, a span's first or last, carries its own step's.
  assert.deepEqual(series.elapsedSeconds, series.steps, 'every row at the training time of its step');
  assert.equal(history.records, 1_000_000);

  const short = new MetricHistory(1000);
  const records = Array.from({ length: 999 }, (_, i) => record(i + 1, i % 3 ? {} : { gradientPenalty: i }));
  records.forEach((line) => short.add(line));
  assert.deepEqual(short.series(), toMetricSeries(records), 'a history that fits is exact');
});

test('the dashboard feed of a metrics.jsonl over its limit: bounded rows, the head sampled, the latest step, and a notice saying so', async () => {
  const runDir = tempDir();
  writeMetrics(path.join(runDir, 'metrics.jsonl'), 40_000, (step) => (step === 39_000 ? { dLoss: 50 } : {}));
  const feed = new RunFeed(runDir, (file) => file, { fileBytes: 500_000, metricRows: 600 });
  await feed.refresh();
  const snapshot = feed.snapshot({ header: header(runDir), compare: [], canSnapshotToNote: false }) as Snapshot;
  assert.ok(snapshot.metrics.steps.length <= 600 + 300, `${snapshot.metrics.steps.length} rows`);
  assert.ok((snapshot.metrics.steps[0] ?? Infinity) < 1000, 'the start of the run is there, sampled');
  assert.equal(snapshot.metrics.steps.at(-1), 40_000);
  assert.ok(snapshot.metrics.values.dLoss?.includes(50), 'the read tail keeps its extremes');
  assert.match(snapshot.notice ?? '', /metrics\.jsonl is [\d.]+ MiB.*(488|500)[.\d]* KiB/);

  const small = tempDir();
  writeMetrics(path.join(small, 'metrics.jsonl'), 50);
  const whole = new RunFeed(small, (file) => file);
  await whole.refresh();
  const exact = whole.snapshot({ header: header(small), compare: [], canSnapshotToNote: false }) as Snapshot;
  assert.equal(exact.notice, undefined, 'nothing left out, nothing to say');
  assert.equal(exact.metrics.steps.length, 50);
});

test('a live dashboard of a long run gets updates, and a fresh snapshot before its appended rows outgrow one', async () => {
  const runDir = tempDir();
  const file = path.join(runDir, 'metrics.jsonl');
  writeMetrics(file, 10);
  const feed = new RunFeed(runDir, (name) => name, { metricRows: 100 });
  const context = { header: header(runDir), compare: [], canSnapshotToNote: false };
  await feed.refresh();
  assert.equal(feed.snapshot(context).type, 'snapshot');
  const kinds: string[] = [];
  for (let step = 11; step <= 400; step += 10) {
    fs.appendFileSync(file, Array.from({ length: 10 }, (_, i) => `${JSON.stringify(record(step + i))}\n`).join(''));
    await feed.refresh();
    const message = feed.update(context);
    kinds.push(message?.type ?? 'none');
    if (message?.type === 'update') assert.deepEqual(message.metrics.steps, Array.from({ length: 10 }, (_, i) => step + i));
    if (message?.type === 'snapshot') assert.ok(message.metrics.steps.length <= 100 && message.metrics.steps.at(-1) === step + 9);
  }
  assert.ok(kinds.includes('update') && kinds.includes('snapshot'), kinds.join(' '));
  assert.ok(!kinds.includes('none'));
});

/** A GAN run's headline pair. */
const gan = ['dLoss', 'gLoss'] as const;

test('the preview\'s loss curve of a large metrics.jsonl is a bounded sample of the whole run that says so; a small one is read whole', async () => {
  const dir = tempDir();
  const big = path.join(dir, 'metrics.jsonl');
  writeMetrics(big, 60_000);
  const summary = await readLossSummary(big, 120, gan);
  assert.ok(summary && summary.first.length <= 120 && summary.second.length === summary.first.length);
  assert.equal(summary.sampledFromBytes, fs.statSync(big).size);
  const small = path.join(tempDir(), 'metrics.jsonl');
  writeMetrics(small, 40);
  const exact = await readLossSummary(small, 120, gan);
  assert.deepEqual(exact?.first, Array.from({ length: 40 }, (_, i) => record(i + 1).dLoss));
  assert.equal(exact?.sampledFromBytes, undefined);
  assert.equal(await readLossSummary(path.join(tempDir(), 'none.jsonl'), 120, gan), undefined);
});

test('the preview\'s loss summaries answer at once from a cache, read each run once at a time, and again only when its file grew', async () => {
  const runDir = tempDir();
  const file = path.join(runDir, 'metrics.jsonl');
  writeMetrics(file, 30);
  let changes = 0;
  const summaries = new LossSummaries(120, () => { changes++; });
  assert.equal(summaries.get(runDir, gan), undefined, 'nothing yet: a render never waits for a read');
  await Promise.all([summaries.load(runDir, gan), summaries.load(runDir, gan)]);
  assert.equal(summaries.get(runDir, gan)?.first.length, 30);
  assert.equal(changes, 1, 'one read for the first get and both loads, one change');
  await summaries.load(runDir, gan);
  assert.equal(changes, 1, 'an unchanged file is not read again');
  fs.appendFileSync(file, `${JSON.stringify(record(31))}\n`);
  await summaries.load(runDir, gan);
  assert.deepEqual([changes, summaries.get(runDir, gan)?.first.length], [2, 31]);
});

test('run files that are FIFOs are refused at once: nothing read, nothing blocked', { skip: process.platform === 'win32', timeout: 20_000 }, async (t) => {
  const fifo = path.join(tempDir(), 'metrics.jsonl');
  execFileSync('mkfifo', [fifo]);
  // A read that waits for a writer (the bug) gets one at the end, so the test process can exit;
  // with no read waiting the open fails (ENXIO), or the folder is already gone: nothing to release.
  t.after(() => { try { fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)); } catch { /* nothing waits */ } });
  const within = <T>(work: Promise<T>): Promise<T> =>
    Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('blocked on a FIFO')), 3000).unref())]);
  assert.deepEqual(await within(readAll(new JsonLinesFollower(fifo, isMetricsRecord))), []);
  assert.deepEqual(await within(sampleJsonLines(fifo, isMetricsRecord, { count: 10 })), []);
  assert.equal(await within(readLastJsonLine(fifo, isMetricsRecord)), undefined);
  assert.equal(await within(readLossSummary(fifo, 120, gan)), undefined);
});

test('a run.json that is a FIFO or far too large is refused at once, naming the file and the limit; discovery lists it as unreadable', { skip: process.platform === 'win32', timeout: 20_000 }, async (t) => {
  const runsDir = tempDir();
  const [piped, huge] = [path.join(runsDir, 'piped'), path.join(runsDir, 'huge')];
  fs.mkdirSync(piped);
  fs.mkdirSync(huge);
  execFileSync('mkfifo', [path.join(piped, 'run.json')]);
  t.after(() => { try { fs.closeSync(fs.openSync(path.join(piped, 'run.json'), fs.constants.O_WRONLY | fs.constants.O_NONBLOCK)); } catch { /* nothing waits */ } });
  fs.writeFileSync(path.join(huge, 'run.json'), `{"padding": "${'x'.repeat(5 * 1024 * 1024)}"}`);
  const within = <T>(work: Promise<T>): Promise<T> =>
    Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('blocked on a FIFO')), 3000).unref())]);
  await assert.rejects(within(readRunInfo(piped)), /piped[/\\]run\.json is not a regular file/);
  await assert.rejects(within(readRunInfo(huge)), /huge[/\\]run\.json is 5 MiB: a run file may be at most 4 MiB/);
  const listing = await within(listRuns(runsDir));
  assert.deepEqual([listing.runs, listing.unreadable.map((run) => path.basename(run.dir))], [[], ['huge', 'piped']], 'listed as unreadable, with why');
});
