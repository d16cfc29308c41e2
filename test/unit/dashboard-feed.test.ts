import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JsonLinesFollower } from '../../src/core/run/jsonLinesFollower';
import type { DiagnosticRecord, EvaluationRecord } from '../../src/core/run/evaluationRecords';
import { isMetricsRecord, type FieldRecord, type MetricsRecord } from '../../src/core/run/records';
import { MAX_SENT_FIELDS } from '../../src/protocol/dashboardLimits';
import { runHeader, toMetricSeries } from '../../src/host/dashboardContent';
import { RunFeed, type FeedContext } from '../../src/host/dashboardFeed';
import { renderDashboardShell } from '../../src/host/dashboardHtml';
import { escapeHtml, makeNonce } from '../../src/host/html';
import type { RunView } from '../../src/host/runView';
import type { HostToDashboard, RunHeader } from '../../src/protocol/dashboardMessages';
import { h100Adapter } from './support/adapters';
import { resolvedConfig, tempDir, train } from './support/training';
import type { GanConfigInput } from '../../src/core/config/schema';
import { evaluationPlan } from '../../src/core/eval/evaluationPlan';

const view = (over: Partial<RunView> = {}): RunView => ({
  dir: '/w/.gan/runs/ring-1', runId: 'ring-1', name: 'ring', status: 'running', step: 100, totalSteps: 400,
  startedAt: '2026-11-23T00:00:00.000Z', group: 'ring.gan.yaml', live: true, stepsPerSecond: 50,
  headlineSpec: { names: ['dLoss', 'gLoss'], short: ['D', 'G'], long: ['D loss', 'G loss'] }, ...over,
});
const context = (header: RunHeader): FeedContext => ({ header, compare: [], canSnapshotToNote: false });
const record = (step: number, extra: Partial<MetricsRecord> = {}): MetricsRecord => ({
  step, time: '', elapsedSeconds: step, dLoss: 1, gLoss: 2, dLossReal: 0.5, dLossFake: 0.5, dReal: 0.6, dFake: 0.4,
  gradNormD: 1, gradNormG: 1, stepsPerSecond: 10, examplesPerSecond: 640, ...extra,
});

test('metrics become chart columns; columns no row has are left out, gaps are null', () => {
  const series = toMetricSeries([record(1), record(2, { gradientPenalty: 0.3 }), record(3)]);
  assert.deepEqual(series.steps, [1, 2, 3]);
  assert.deepEqual([series.elapsedSeconds, series.values.elapsedSeconds], [[1, 2, 3], undefined], 'training time goes beside the steps, not as a column');
  assert.deepEqual(series.values.gradientPenalty, [null, 0.3, null]);
  assert.equal(series.values.r1Penalty, undefined);
  assert.deepEqual(series.values.dLoss, [1, 1, 1]);
});

test('the header says what the data is, what the run logs (D outputs as probabilities or scores), and the ETA of a running run', () => {
  const dOutputs = (header: RunHeader) => header.metrics.groups.flatMap((group) => group.metrics).filter((metric) => metric.name === 'dReal' || metric.name === 'dFake');
  const ring = runHeader(view(), { data: { kind: 'ring' }, objective: { kind: 'non-saturating' } });
  assert.deepEqual([ring.dataKind, dOutputs(ring).map((metric) => metric.probability), ring.etaSeconds], ['points', [true, true], 6]);
  assert.deepEqual(ring.metrics.headline, ['dLoss', 'gLoss']);
  const digits = runHeader(view({ status: 'completed', live: false }), { data: { kind: 'mnist' }, objective: { kind: 'wasserstein' } });
  assert.deepEqual([digits.dataKind, dOutputs(digits).map((metric) => metric.probability), digits.etaSeconds, digits.stepsPerSecond],
    ['images', [false, false], undefined, undefined]);
});

test('the header names the backend, and the GPU adapter of a run on webgpu; a run on another backend has none', () => {
  const config = { data: { kind: 'ring' }, objective: { kind: 'non-saturating' } };
  const onGpu = runHeader(view({ backend: 'webgpu', adapter: h100Adapter }), config);
  assert.deepEqual([onGpu.backend, onGpu.adapter], ['webgpu', h100Adapter]);
  const onWasm = runHeader(view({ backend: 'wasm' }), config);
  assert.deepEqual([onWasm.backend, 'adapter' in onWasm], ['wasm', false]);
  assert.deepEqual(Object.keys(onGpu).filter((key) => !(key in onWasm)), ['adapter'], 'the adapter is all a webgpu run adds');
});

test('Resume applies to a run no trainer runs that stopped, failed or was interrupted after a checkpoint', () => {
  const config = { data: { kind: 'ring' }, objective: { kind: 'non-saturating' } };
  const resumable = (over: Parameters<typeof view>[0]) => runHeader(view(over), config).resumableFrom;
  assert.equal(resumable({ status: 'stopped', live: false, checkpointStep: 500 }), 500);
  assert.equal(resumable({ status: 'interrupted', live: false, checkpointStep: 250 }), 250);
  assert.equal(resumable({ status: 'failed', live: false, checkpointStep: 100 }), 100);
  assert.equal(resumable({ status: 'stopped', live: false }), undefined, 'no checkpoint to resume from');
  assert.equal(resumable({ status: 'paused', live: true, checkpointStep: 500 }), undefined, 'a live run resumes through its trainer');
  assert.equal(resumable({ status: 'completed', live: false, checkpointStep: 500 }), undefined, 'a completed run trains further from the runs view');
});

test('the header says whether and how often the run evaluates, for the Evaluation card before its first figures', () => {
  const plan = (data: GanConfigInput['data'], evaluation: GanConfigInput['evaluation'] = {}) =>
    evaluationPlan(resolvedConfig({ name: 'p', data, evaluation, samples: { every: 250 } }).config);
  assert.deepEqual(plan({ kind: 'ring' }), { every: 250, measurable: true }, 'a mixture evaluates with each sample picture');
  assert.deepEqual(plan({ kind: 'ring' }, { every: 100 }), { every: 100, measurable: true });
  assert.deepEqual(plan({ kind: 'mnist' }), { measurable: true }, 'digits: on demand unless asked');
  assert.deepEqual(plan({ kind: 'spiral' }), { measurable: false }, 'a spiral has no modes to count');
  const header = runHeader(view({ checkpointStep: 300 }), { data: { kind: 'mnist' }, objective: { kind: 'non-saturating' } }, plan({ kind: 'mnist' }));
  assert.deepEqual([header.evaluation, header.checkpointStep], [{ measurable: true }, 300]);
});

test('a follower returns only complete new lines, and everything again after a rewrite', async () => {
  const file = path.join(tempDir(), 'metrics.jsonl');
  const follower = new JsonLinesFollower(file, isMetricsRecord);
  const read = async () => {
    const batches = [];
    for await (const batch of follower.read()) batches.push(batch);
    return { reset: batches.some((batch) => batch.reset), records: batches.flatMap((batch) => batch.records) };
  };
  assert.deepEqual(await read(), { reset: false, records: [] });
  fs.writeFileSync(file, `${JSON.stringify(record(1))}\n${JSON.stringify(record(2)).slice(0, 20)}`);
  assert.deepEqual((await read()).records.map((r) => r.step), [1], 'a half-written line waits');
  fs.appendFileSync(file, `${JSON.stringify(record(2)).slice(20)}\n${JSON.stringify(record(3))}\n`);
  assert.deepEqual((await read()).records.map((r) => r.step), [2, 3]);
  const replacement = `${file}.tmp`;
  fs.writeFileSync(replacement, `${JSON.stringify(record(1))}\n`);
  fs.renameSync(replacement, file);
  const reread = await read();
  assert.equal(reread.reset, true);
  assert.deepEqual(reread.records.map((r) => r.step), [1]);
  fs.rmSync(file);
  assert.deepEqual(await read(), { reset: true, records: [] }, 'a removed file is a rewrite to nothing');
});

test('a run feed sends a snapshot, then only what is new, numbered; rewritten history means a new snapshot', async () => {
  const runsDir = tempDir();
  const { runDir } = await train({ runsDir, backend: 'wasm', config: resolvedConfig({
    name: 'feed', seed: 5, data: { kind: 'ring', count: 300 },
    model: { kind: 'mlp', latentSize: 2, generator: { hidden: [8] }, discriminator: { hidden: [8] } },
    training: { steps: 30, batchSize: 16 }, logging: { every: 5, histogramEvery: 10 }, samples: { every: 10 }, checkpoints: { every: 10 },
  }) });
  const feed = new RunFeed(runDir, (file) => `webview:${path.relative(runDir, file)}`);
  const header = runHeader(view({ dir: runDir }), { data: { kind: 'ring' }, objective: { kind: 'non-saturating' } });
  await feed.refresh();
  const first = feed.snapshot(context(header));
  assert.equal(first.type, 'snapshot');
  assert.ok(first.type === 'snapshot' && first.version === 1);
  if (first.type !== 'snapshot') return;
  assert.deepEqual(first.metrics.steps, [5, 10, 15, 20, 25, 30]);
  assert.deepEqual(first.samples.map((frame) => frame.uri), ['webview:samples/step-0.png', 'webview:samples/step-10.png',
    'webview:samples/step-20.png', 'webview:samples/step-30.png']);
  assert.ok(first.histograms.length >= 3);

  await feed.refresh();
  assert.equal(feed.update(context(header)), undefined, 'nothing new, nothing sent');
  fs.appendFileSync(path.join(runDir, 'metrics.jsonl'), `${JSON.stringify(record(35))}\n`);
  await feed.refresh();
  const next = feed.update(context({ ...header, step: 35 })) as Extract<HostToDashboard, { type: 'update' }>;
  assert.equal(next.type, 'update');
  assert.equal(next.version, 2);
  assert.deepEqual(next.metrics.steps, [35]);
  assert.deepEqual([next.histograms.length, next.samples.length], [0, 0]);
  const headerOnly = feed.update(context({ ...header, step: 36 }));
  assert.ok(headerOnly?.type === 'update' && headerOnly.version === 3 && headerOnly.metrics.steps.length === 0);

  fs.rmSync(path.join(runDir, 'samples', 'step-0.png'));
  await feed.refresh();
  const afterRetention = feed.update(context(header));
  assert.ok(afterRetention?.type === 'snapshot' && afterRetention.version === 4, 'a vanished grid means a snapshot');
  assert.equal(afterRetention.samples.length, 3);

  const metricsFile = path.join(runDir, 'metrics.jsonl');
  fs.writeFileSync(`${metricsFile}.tmp`, `${JSON.stringify(record(5))}\n`);
  fs.renameSync(`${metricsFile}.tmp`, metricsFile);
  await feed.refresh();
  const afterResume = feed.update(context(header));
  assert.ok(afterResume?.type === 'snapshot', 'rewritten metrics (a resume) mean a snapshot');
  assert.deepEqual(afterResume.metrics.steps, [5]);
  assert.ok(afterResume.samples.every((frame) => frame.uri.endsWith('?g=1')), 'grids a resume may rewrite get fresh URIs');
});

const evaluation = (step: number): EvaluationRecord => ({
  type: 'evaluation', step, time: '', samples: 2500, seconds: 0.4, modes: { covered: 7, total: 8, highQualityShare: 0.9, kl: 0.05 },
});
const diagnostic = (step: number, state: DiagnosticRecord['state'] = 'raised'): DiagnosticRecord => ({
  type: 'diagnostic', step, time: '', kind: 'mode-collapse', state, severity: 'warning', summary: 'Samples cover 3 of 8 modes.',
  evidence: [{ name: 'modes covered', value: 3, threshold: { value: 6, when: 'below' } }], window: { from: step - 20, to: step },
  remedies: ['Add minibatch discrimination.'],
});
const lines = (...values: readonly unknown[]): string => values.map((value) => `${typeof value === 'string' ? value : JSON.stringify(value)}\n`).join('');

test('evaluation and diagnostic lines of metrics.jsonl reach the snapshot and then the updates; training lines are unaffected', async () => {
  const runDir = tempDir();
  const metricsFile = path.join(runDir, 'metrics.jsonl');
  const header = runHeader(view({ dir: runDir }), { data: { kind: 'ring' }, objective: { kind: 'non-saturating' } });
  const training = [record(10), record(20, { gradientPenalty: 0.2 }), record(30)];
  fs.writeFileSync(metricsFile, lines(training[0], evaluation(10), training[1], diagnostic(20), training[2]));
  const feed = new RunFeed(runDir, (file) => file);
  await feed.refresh();
  const first = feed.snapshot(context(header));
  assert.ok(first.type === 'snapshot');
  assert.deepEqual(first.metrics, toMetricSeries(training), 'the training rows are exactly what they were without the other lines');
  assert.deepEqual(first.evaluations, [evaluation(10)]);
  assert.deepEqual(first.diagnostics, [diagnostic(20)]);

  fs.appendFileSync(metricsFile, lines(record(40), diagnostic(40, 'cleared'), evaluation(40)));
  await feed.refresh();
  const next = feed.update(context(header));
  assert.ok(next?.type === 'update' && next.version === 2);
  assert.deepEqual(next.metrics.steps, [40]);
  assert.deepEqual(next.evaluations, [evaluation(40)], 'only what is new');
  assert.deepEqual(next.diagnostics, [diagnostic(40, 'cleared')]);

  fs.appendFileSync(metricsFile, lines(diagnostic(45)));
  await feed.refresh();
  const findingOnly = feed.update(context(header));
  assert.ok(findingOnly?.type === 'update', 'a diagnostic alone is news');
  assert.deepEqual([findingOnly.metrics.steps, findingOnly.evaluations, findingOnly.diagnostics.map((line) => line.step)], [[], [], [45]]);
  await feed.refresh();
  assert.equal(feed.update(context(header)), undefined);

  fs.writeFileSync(`${metricsFile}.tmp`, lines(record(10), evaluation(10)));
  fs.renameSync(`${metricsFile}.tmp`, metricsFile);
  await feed.refresh();
  const afterResume = feed.update(context(header));
  assert.ok(afterResume?.type === 'snapshot', 'a rewritten file (a resume) means a snapshot of what it holds now');
  assert.deepEqual([afterResume.metrics.steps, afterResume.evaluations.length, afterResume.diagnostics.length], [[10], 1, 0]);
});

test('malformed evaluation and diagnostic lines are skipped, like torn lines, and the rest still shown', async () => {
  const runDir = tempDir();
  const good = diagnostic(20);
  fs.writeFileSync(path.join(runDir, 'metrics.jsonl'), lines(
    record(10),
    { ...evaluation(10), step: '10' },
    { ...evaluation(10), modes: { covered: '7', total: 8, highQualityShare: 0.9, kl: 0.05 } },
    { ...evaluation(10), fid: { value: null, floor: 1.9 } },
    { ...evaluation(10), labelAccuracy: 'high' },
    { type: 'evaluation', step: 10 },
    { ...good, kind: 'boredom' },
    { ...good, state: 'maybe' },
    { ...good, severity: 'fatal' },
    { ...good, summary: 42 },
    { ...good, evidence: [{ name: 'modes', value: '3' }] },
    { ...good, evidence: [{ name: 'modes', value: 3, threshold: { value: 6, when: 'sideways' } }] },
    { ...good, remedies: [{ text: 'no' }] },
    { ...good, window: { from: 0 } },
    { ...good, evidence: null },
    '{"type":"diagnostic", "step": 20, "kind": "divergence"',
    'not json at all',
    good,
    evaluation(20),
    record(20),
  ));
  const feed = new RunFeed(runDir, (file) => file);
  await feed.refresh();
  const snapshot = feed.snapshot(context(runHeader(view({ dir: runDir }), { data: { kind: 'ring' }, objective: { kind: 'non-saturating' } })));
  assert.ok(snapshot.type === 'snapshot');
  assert.deepEqual(snapshot.metrics.steps, [10, 20]);
  assert.deepEqual(snapshot.evaluations, [evaluation(20)]);
  assert.deepEqual(snapshot.diagnostics, [good]);
});

test('the plane\'s history reaches the dashboard thinned evenly with the newest kept; an update carries only new records', async () => {
  const runDir = tempDir();
  const field = (step: number): FieldRecord => ({
    step, bounds: { xMin: -1.2, xMax: 1.2, yMin: -1.2, yMax: 1.2 }, size: 2, scores: [0, 1, 0, 1], scoreRange: [0, 1], real: [[0, 0]], fake: [[0.1, 0.1]], arrows: [[0, 1]],
  });
  const fieldsFile = path.join(runDir, 'field.jsonl');
  const count = MAX_SENT_FIELDS * 3 + 1;
  fs.writeFileSync(fieldsFile, lines(...Array.from({ length: count }, (_, i) => field(i * 10))));
  const feed = new RunFeed(runDir, (file) => file);
  const header = runHeader(view({ dir: runDir }), { data: { kind: 'ring' }, objective: { kind: 'non-saturating' } });
  await feed.refresh();
  const first = feed.snapshot(context(header));
  assert.ok(first.type === 'snapshot' && first.fields);
  const steps = first.fields.map((record) => record.step);
  assert.ok(steps.length <= MAX_SENT_FIELDS && steps.length >= MAX_SENT_FIELDS / 2, `${steps.length} records sent`);
  assert.equal(steps[0], 0, 'from the start');
  assert.equal(steps.at(-1), (count - 1) * 10, 'the newest always');
  const gaps = new Set(steps.slice(1, -1).map((step, i) => step - steps[i]!));
  assert.equal(gaps.size, 1, `evenly thinned: gaps ${[...gaps].join(', ')}`);

  fs.appendFileSync(fieldsFile, lines(field(count * 10), field(count * 10 + 10)));
  await feed.refresh();
  const next = feed.update(context(header));
  assert.ok(next?.type === 'update');
  assert.deepEqual(next.fields?.map((record) => record.step), [count * 10, count * 10 + 10]);
  await feed.refresh();
  assert.equal(feed.update(context(header)), undefined, 'nothing new, nothing sent');
});

test('the dashboard page has a strict CSP with a nonce and escapes the run folder it records', () => {
  const nonce = makeNonce();
  const html = renderDashboardShell({
    runDir: '/w/"><script>alert(1)</script>', title: '<b>x</b>', scriptUri: 'src:/dashboard.js', styleUri: 'src:/dashboard.css', cspSource: 'src:', nonce,
  });
  assert.ok(html.includes(`default-src 'none'; img-src src: data:; style-src src: 'nonce-${nonce}'; script-src 'nonce-${nonce}'; font-src src:`));
  assert.deepEqual(html.match(/<script[^>]*>/g), [`<script nonce="${nonce}" src="src:/dashboard.js">`]);
  assert.ok(html.includes(`data-run-dir="${escapeHtml('/w/"><script>alert(1)</script>')}"`));
  assert.ok(html.includes('<title>&lt;b&gt;x&lt;/b&gt;</title>'));
  assert.equal(escapeHtml(`a&b<c>"d'`), 'a&amp;b&lt;c&gt;&quot;d&#39;');
});

test('a family\'s sample views reach the dashboard: listed in the header, their pictures in the snapshot, new ones in an update', async () => {
  const runDir = tempDir();
  const viewDir = path.join(runDir, 'samples', 'reconstructions');
  fs.mkdirSync(viewDir, { recursive: true });
  fs.writeFileSync(path.join(viewDir, 'step-0.png'), 'png');
  fs.writeFileSync(path.join(viewDir, 'latest.png'), 'png');
  // Not views: a link, a name that is not a view name, and a plain file.
  fs.mkdirSync(path.join(runDir, 'samples', 'Not A View'));
  fs.symlinkSync(viewDir, path.join(runDir, 'samples', 'linked'));
  fs.writeFileSync(path.join(runDir, 'samples', 'notes'), '');
  const views = [{ name: 'reconstructions', title: 'Reconstructions x | G(E(x))', description: 'x beside G(E(x))', lastStep: 0 }];
  const header = runHeader(view({ dir: runDir, views }), { data: { kind: 'mnist' }, objective: { kind: 'non-saturating' } });
  assert.deepEqual(header.views, [{ name: 'reconstructions', title: 'Reconstructions x | G(E(x))', description: 'x beside G(E(x))' }]);

  const feed = new RunFeed(runDir, (file) => `webview:${path.relative(runDir, file)}`);
  await feed.refresh();
  const first = feed.snapshot(context(header));
  assert.ok(first.type === 'snapshot');
  assert.deepEqual(first.views, { reconstructions: [{ step: 0, uri: 'webview:samples/reconstructions/step-0.png' }] });
  await feed.refresh();
  assert.equal(feed.update(context(header)), undefined, 'nothing new, nothing sent');
  fs.writeFileSync(path.join(viewDir, 'step-50.png'), 'png');
  await feed.refresh();
  const next = feed.update(context(header));
  assert.ok(next?.type === 'update');
  assert.deepEqual(next.views?.['reconstructions']?.map((frame) => frame.step), [0, 50]);
});
