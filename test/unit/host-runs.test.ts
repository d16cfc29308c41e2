import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BackendReport } from '../../src/core/backend/report';
import { readLastJsonLine } from '../../src/core/run/jsonLines';
import { isMetricsRecord, type RunInfo } from '../../src/core/run/records';
import { readRunInfo } from '../../src/core/run/runReader';
import { discoverRuns, settleRunsOfEndedWindows, TRAINER_GONE } from '../../src/host/runDiscovery';
import { presentRun, runFlags, shortStartTime, statusBarText } from '../../src/host/runPresentation';
import { applyEvent, type RunView } from '../../src/host/runView';
import { h100Adapter, lavapipeAdapter } from './support/adapters';
import { resolvedConfig, tempDir, train } from './support/training';

const tiny = (name: string, steps: number) => resolvedConfig({
  name, seed: 3, data: { kind: 'ring', count: 300 },
  model: { kind: 'mlp', latentSize: 2, generator: { hidden: [8] }, discriminator: { hidden: [8] } },
  training: { steps, batchSize: 16 }, logging: { every: 5 }, samples: { every: 10 }, checkpoints: { every: 10 },
});

async function workspaceWithRuns() {
  const root = tempDir();
  const runsDir = path.join(root, '.gan', 'runs');
  const configFile = path.join(root, 'configs', 'ring.gan.yaml');
  const first = await train({ runsDir, config: { ...tiny('ring', 20), file: configFile }, backend: 'wasm' });
  // Run ids carry the start second: make the second run's distinct.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const second = await train({ runsDir, config: tiny('other', 10), backend: 'wasm' });
  fs.mkdirSync(path.join(runsDir, 'not-a-run'));
  return { root, runsDir, configFile, first, second, location: { label: 'ws', root, runsDir } };
}

test('discovery lists the runs of a folder newest first, grouped by their config, with their last losses', async () => {
  const { location, first, second } = await workspaceWithRuns();
  const runs = await discoverRuns([location]);
  assert.deepEqual(runs.map((run) => run.dir), [second.runDir, first.runDir]);
  const [other, ring] = runs as [RunView, RunView];
  assert.equal(ring.group, 'configs/ring.gan.yaml');
  assert.equal(other.group, 'other', 'a run without a config file is grouped by its name');
  assert.equal(ring.status, 'completed');
  assert.equal(ring.step, 20);
  assert.equal(ring.checkpointStep, 20);
  assert.equal(ring.live, false);
  const last = await readLastJsonLine(path.join(first.runDir, 'metrics.jsonl'), isMetricsRecord);
  assert.deepEqual(ring.headline, [last?.dLoss, last?.gLoss]);
  assert.deepEqual(ring.headlineSpec.short, ['D', 'G']);
  assert.deepEqual(ring.catalogue?.headline, ['dLoss', 'gLoss'], 'run.json records what the run logs');

  // A run from before catalogues (no `catalogue` in run.json) reads as the GAN it is.
  const runJson = path.join(first.runDir, 'run.json');
  const { catalogue: _recorded, ...older } = JSON.parse(fs.readFileSync(runJson, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(runJson, JSON.stringify(older));
  const reread = (await discoverRuns([location])).find((run) => run.dir === first.runDir);
  assert.deepEqual([reread?.catalogue, reread?.headlineSpec.long, reread?.headline], [undefined, ['D loss', 'G loss'], ring.headline]);
  assert.deepEqual([ring.backend, 'adapter' in ring], ['wasm', false], 'a wasm run has no adapter');
  // A webgpu run's report names its adapter: the view carries it, whole.
  const webgpu = { ...older, backend: { ...(older.backend as object), backend: 'webgpu', adapter: h100Adapter } };
  fs.writeFileSync(runJson, JSON.stringify(webgpu));
  const onGpu = (await discoverRuns([location])).find((run) => run.dir === first.runDir);
  assert.deepEqual([onGpu?.backend, onGpu?.adapter], ['webgpu', h100Adapter]);
  assert.equal(last?.step, 20);
  assert.deepEqual(await discoverRuns([{ ...location, runsDir: path.join(location.root, 'missing') }]), []);
});

test('the last metrics record is read from the file tail, skipping a torn last line', async () => {
  const file = path.join(tempDir(), 'metrics.jsonl');
  const lines = Array.from({ length: 2000 }, (_, step) => JSON.stringify({ step, dLoss: step / 10, gLoss: 1 }));
  fs.writeFileSync(file, lines.join('\n') + '\n{"step": 2000, "dLo');
  assert.equal((await readLastJsonLine(file, isMetricsRecord))?.step, 1999);
  assert.equal(await readLastJsonLine(path.join(tempDir(), 'none.jsonl'), isMetricsRecord), undefined);
});

test('runs whose trainer died with an earlier window are marked interrupted and offered once', async () => {
  const { location, first } = await workspaceWithRuns();
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  const info = await readRunInfo(first.runDir);
  const orphaned: RunInfo = { ...info, status: 'running', pid: Number(dead) };
  delete (orphaned as { endedAt?: string }).endedAt;
  fs.writeFileSync(path.join(first.runDir, 'run.json'), JSON.stringify(orphaned));
  const runs = await discoverRuns([location]);
  assert.equal(runs.find((run) => run.dir === first.runDir)?.status, 'interrupted', 'a dead trainer reads as interrupted');
  const offered = await settleRunsOfEndedWindows(runs, () => false, true);
  assert.deepEqual(offered.map((run) => run.dir), [first.runDir]);
  const marked = await readRunInfo(first.runDir);
  assert.equal(marked.status, 'interrupted');
  assert.equal(marked.error, TRAINER_GONE);
  const again = await settleRunsOfEndedWindows(await discoverRuns([location]), () => false, true);
  assert.deepEqual(again.map((run) => run.dir), [first.runDir], 'still resumable on the next look; the extension remembers what it offered');
  assert.deepEqual(await settleRunsOfEndedWindows(runs, (dir) => dir === first.runDir, true), [], 'a run this window trains is left alone');
});

test('in an untrusted workspace a dead run reads as interrupted, with why, and run.json is not rewritten until trust is granted', async () => {
  const { location, first } = await workspaceWithRuns();
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  const { endedAt: _endedAt, ...info } = await readRunInfo(first.runDir);
  const runJson = path.join(first.runDir, 'run.json');
  fs.writeFileSync(runJson, JSON.stringify({ ...info, status: 'running', pid: Number(dead) }));
  const written = fs.readFileSync(runJson, 'utf8');
  const runs = await discoverRuns([location]);
  const shown = runs.find((run) => run.dir === first.runDir);
  assert.equal(shown?.status, 'interrupted');
  assert.equal(shown?.error, TRAINER_GONE, 'the view says why without anything written');
  assert.deepEqual(await settleRunsOfEndedWindows(runs, () => false, false), [], 'nothing to offer: resuming needs trust');
  assert.equal(fs.readFileSync(runJson, 'utf8'), written, 'run.json is left as it was');
  assert.deepEqual((await settleRunsOfEndedWindows(runs, () => false, true)).map((run) => run.dir), [first.runDir]);
  assert.equal((await readRunInfo(first.runDir)).status, 'interrupted', 'trusted: the run is marked');
});

const view = (over: Partial<RunView>): RunView => ({
  dir: '/w/.gan/runs/ring-1', runId: 'ring-1', name: 'ring', status: 'running', step: 10, totalSteps: 100,
  startedAt: '2026-11-23T00:00:00.000Z', group: 'ring.gan.yaml', live: true,
  headlineSpec: { names: ['dLoss', 'gLoss'], short: ['D', 'G'], long: ['D loss', 'G loss'] }, ...over,
});

test('trainer events move a run view along: started, progress, checkpoint, paused, ended', () => {
  let run = view({ status: 'interrupted', live: false, error: 'the window was reloaded' });
  const backend = { backend: 'wasm' as const, requested: 'auto' as const, reason: 'no native package', attempts: [] };
  run = applyEvent(run, { type: 'started', runId: 'ring-1', runDir: run.dir, step: 10, totalSteps: 200, backend, dataset: 'ring', resumed: true });
  assert.deepEqual([run.status, run.live, run.totalSteps, run.backend, run.error], ['running', true, 200, 'wasm', undefined]);
  run = applyEvent(run, { type: 'progress', step: 20, totalSteps: 200, stepsPerSecond: 42, etaSeconds: 4, headline: [1.2, 0.7], headlineLabels: ['D', 'G'] });
  assert.deepEqual([run.step, run.headline, run.stepsPerSecond], [20, [1.2, 0.7], 42]);
  run = applyEvent(run, { type: 'checkpoint', step: 20, path: 'checkpoints/step-20' });
  assert.equal(run.checkpointStep, 20);
  run = applyEvent(run, { type: 'status', status: 'paused', step: 20 });
  assert.deepEqual([run.status, run.live], ['paused', true]);
  run = applyEvent(run, { type: 'status', status: 'failed', step: 25, error: 'NaN in D loss' });
  assert.deepEqual([run.status, run.live, run.error], ['failed', false, 'NaN in D loss']);
  const started = (report: BackendReport) => ({ type: 'started', runId: 'ring-1', runDir: run.dir, step: 25, totalSteps: 200, backend: report, dataset: 'ring', resumed: true }) as const;
  run = applyEvent(run, started({ ...backend, backend: 'webgpu', adapter: h100Adapter }));
  assert.deepEqual([run.backend, run.adapter], ['webgpu', h100Adapter], 'the trainer\'s report names the adapter');
  run = applyEvent(run, started(backend));
  assert.deepEqual([run.backend, 'adapter' in run], ['wasm', false], 'resumed on another backend: the old adapter goes');
});

test('menu flags say which commands apply to a run', () => {
  assert.deepEqual(runFlags(view({})), ['run', 'live', 'training']);
  assert.deepEqual(runFlags(view({ status: 'paused', checkpointStep: 5 })), ['run', 'live', 'paused', 'checkpoint']);
  assert.deepEqual(runFlags(view({ status: 'interrupted', live: false, checkpointStep: 5 })), ['run', 'idle', 'checkpoint', 'resumable']);
  assert.deepEqual(runFlags(view({ status: 'failed', live: false })), ['run', 'idle']);
});

test('a run is presented with its status icon, progress, losses and speed', () => {
  const startedAt = new Date(2026, 10, 23, 9, 7, 57).toISOString();
  const shown = presentRun(view({ startedAt, headline: [1.38629, 0.000123], stepsPerSecond: 35.4, backend: 'wasm' }), new Date(2026, 10, 23, 18));
  assert.equal(shown.label, 'ring · 09:07:57', 'the name and when it started, not the whole run id');
  assert.match(shown.tooltip, /^ring-1 — running/);
  assert.equal(shown.description, 'running 10/100 · D 1.386 G 1.23e-4 · 35 it/s');
  assert.equal(shown.icon.id, 'sync~spin');
  assert.match(shown.tooltip, /^backend: wasm$/m);
  const onGpu = presentRun(view({ backend: 'webgpu', adapter: h100Adapter }));
  assert.match(onGpu.tooltip, /^backend: webgpu · NVIDIA H100 80GB HBM3 \(nvidia, hopper\)$/m);
  const failed = presentRun(view({ status: 'failed', live: false, error: 'NaN in G loss at step 12' }));
  assert.equal(failed.icon.id, 'error');
  assert.match(failed.tooltip, /NaN in G loss at step 12/);
  assert.doesNotMatch(failed.description, /it\/s/, 'no speed for a run that is not training');
});

test('a run\'s start time is as short as tells runs apart: the time today, the day this year, the date before', () => {
  const at = (month: number, day: number, year = 2026) => new Date(year, month, day, 9, 7, 57).toISOString();
  const now = new Date(2026, 11, 5, 23, 59);
  assert.equal(shortStartTime(at(11, 5), now), '09:07:57');
  assert.equal(shortStartTime(at(10, 23), now), 'Nov 23 09:07');
  assert.equal(shortStartTime(at(11, 5, 2025), now), '2025-12-05 09:07');
  assert.equal(shortStartTime('not a time', now), 'not a time');
});

test('the status bar shows the first live run, its speed, and how many more train', () => {
  assert.equal(statusBarText([]), undefined);
  const one = statusBarText([view({ stepsPerSecond: 7.25 })]);
  assert.equal(one?.text, '$(sync~spin) ring 10/100 · 7.3 it/s');
  const two = statusBarText([view({ status: 'paused' }), view({ runId: 'grid-1', name: 'grid' })]);
  assert.equal(two?.text, '$(debug-pause) ring 10/100 · paused (+1)');
  assert.match(two?.tooltip ?? '', /grid-1: running 10\/100/);
  assert.doesNotMatch(`${one?.tooltip}${two?.tooltip}`, /backend/, 'no adapter, no backend in the tooltip, as before');
});

test('the status bar names the GPU adapter a run trains on, short; its tooltip names it whole', () => {
  const onGpu = statusBarText([view({ stepsPerSecond: 120, backend: 'webgpu', adapter: h100Adapter }), view({ runId: 'cpu-1', backend: 'webgpu', adapter: lavapipeAdapter })]);
  assert.equal(onGpu?.text, '$(sync~spin) ring 10/100 · 120 it/s · NVIDIA H100 80GB HBM3 (+1)');
  assert.deepEqual(onGpu?.tooltip.split('\n'), [
    'ring-1: running 10/100 · backend: webgpu · NVIDIA H100 80GB HBM3 (nvidia, hopper)',
    'cpu-1: running 10/100 · backend: webgpu · llvmpipe: Mesa 25.0.7 (LLVM 15.0.6) (mesa, software)',
    'Click to open the dashboard',
  ]);
  const software = statusBarText([view({ status: 'paused', backend: 'webgpu', adapter: { ...lavapipeAdapter, description: 'evil $(zap)' } })]);
  assert.equal(software?.text, '$(debug-pause) ring 10/100 · paused · evil $\u200b(zap) (software)', 'an adapter\'s "$(" is no icon');
});
