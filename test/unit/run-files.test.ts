import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { isDiagnosticRecord, isEvaluationRecord } from '../../src/core/run/evaluationRecords';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { RUN_FORMAT, type RunInfo } from '../../src/core/run/records';
import { listRuns, listStepEntries, readRun, readRunInfo, readStoredConfig } from '../../src/core/run/runReader';
import { ganPreviewPlugin, type PreviewSource } from '../../src/host/notes/previewPlugin';
import { discoverRunFolders } from '../../src/host/runFolders';
import { presentUnreadableRun } from '../../src/host/runPresentation';
import { sampleGridFile } from '../../src/host/sampleGrid';
import { useTestBackend } from './support/backend';
import { cli } from './support/cli';
import { resolvedConfig, tempDir, train } from './support/training';

// Run files come from the workspace: a hostile repository can commit any run.json, config.json or
// symlink. Every one is validated against its schema on read; what fails is reported, never used.

const info = (patch: Record<string, unknown> = {}): Record<string, unknown> => ({
  format: RUN_FORMAT, runId: 'ring-20260101-000000', name: 'ring', status: 'completed', step: 20, totalSteps: 20, seed: 1,
  configHash: 'h', dataset: 'ring', startedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:10.000Z',
  lastSample: { step: 20, path: path.join('samples', 'step-20.png') }, ...patch,
});

function writeRun(runsDir: string, name: string, runJson: unknown): string {
  const dir = path.join(runsDir, name);
  fs.mkdirSync(path.join(dir, 'samples'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'run.json'), typeof runJson === 'string' ? runJson : JSON.stringify(runJson));
  fs.writeFileSync(path.join(dir, 'samples', 'step-20.png'), 'png');
  return dir;
}

function renderPreview(markdown: string, source: Partial<PreviewSource> & Pick<PreviewSource, 'runs' | 'latestSample'>): string {
  const md = new MarkdownIt();
  ganPreviewPlugin(md, {
    noteFile: () => '/w/notes.md', losses: () => undefined, configExists: () => true, shown: () => undefined, ...source,
  });
  return md.render(markdown);
}

test('a run.json whose lastSample.step is not a step is unreadable, naming the field, and no path is built from it', async () => {
  const root = tempDir();
  const runsDir = path.join(root, '.gan', 'runs');
  const climbing = '../../../../../../etc/passwd#';
  const evil = writeRun(runsDir, 'evil', info({ runId: 'evil', name: 'evil', lastSample: { step: climbing, path: 'samples/x.png' } }));
  const good = writeRun(runsDir, 'good', info({ runId: 'good' }));

  await assert.rejects(readRunInfo(evil), (error: Error) => error.message.includes(path.join(evil, 'run.json')) && /lastSample\.step/.test(error.message));
  const listing = await listRuns(runsDir);
  assert.deepEqual(listing.runs.map((run) => run.dir), [good]);
  assert.equal(listing.unreadable.length, 1);
  assert.equal(listing.unreadable[0]?.dir, evil);
  assert.match(listing.unreadable[0]?.reason ?? '', /lastSample\.step: .*expected number/);

  const { runs, unreadable } = await discoverRunFolders([{ label: 'w', root, runsDir }]);
  assert.deepEqual(runs.map((run) => run.dir), [good]);
  assert.deepEqual(unreadable.map((run) => run.dir), [evil]);
  const shown = presentUnreadableRun(unreadable[0]!);
  assert.deepEqual([shown.label, shown.description, shown.icon.id], ['evil', 'unreadable', 'warning']);
  assert.match(shown.tooltip, /lastSample\.step/);
  assert.equal(shown.contextValue, 'unreadable', 'no run command applies to it');
  const html = renderPreview('```gan\nrun: evil\n```\n', { runs: () => runs, latestSample: (run) => {
    const file = sampleGridFile(run);
    return file && run.sampleStep !== undefined ? { file, step: run.sampleStep } : undefined;
  } });
  assert.doesNotMatch(html, /\.\.\/|passwd/);
});

test('gan-studio runs lists an unreadable run by its folder, with why, and nothing from its run.json', async () => {
  const runsDir = path.join(tempDir(), 'runs');
  writeRun(runsDir, 'good', info({ runId: 'good' }));
  writeRun(runsDir, 'evil', info({ runId: 'evil-<b>', lastSample: { step: 'x', path: 'samples/x.png' } }));
  const { code, out, err } = await cli('runs', '--runs-dir', runsDir);
  assert.equal(code, 0);
  assert.match(out.find((line) => line.startsWith('good')) ?? '', /completed/);
  assert.match(out.find((line) => line.startsWith('evil')) ?? '', /^evil\s+unreadable\s/);
  assert.doesNotMatch(out.join('\n'), /<b>/);
  assert.deepEqual(err.map((line) => line.replace(runsDir, '<runs>')), [
    `unreadable: ${path.join('<runs>', 'evil', 'run.json')}: runId: use letters, digits, ".", "_" and "-", starting with a letter or digit; `
    + 'lastSample.step: Invalid input: expected number, received string',
  ]);
});

test('run.json fields that name files or runs, and the format, are checked', async () => {
  const runsDir = path.join(tempDir(), 'runs');
  const cases: [string, unknown, RegExp][] = [
    ['run-id', info({ runId: '../../outside' }), /runId: /],
    ['sample-path', info({ lastSample: { step: 20, path: '../../../etc/passwd' } }), /lastSample\.path: must be a path inside the run folder/],
    ['checkpoint-path', info({ lastCheckpoint: { step: 20, path: '/etc' } }), /lastCheckpoint\.path: must be a path inside the run folder/],
    ['note', info({ note: { file: '/w/n.md', block: 'one', line: 3 } }), /note\.block: /],
    ['status', info({ status: 'sleeping' }), /status: /],
    ['negative-step', info({ step: -1 }), /step: /],
    ['newer', info({ format: RUN_FORMAT + 1 }), new RegExp(`format: written by a newer GAN Studio \\(format ${RUN_FORMAT + 1}; this one reads up to ${RUN_FORMAT}\\)`)],
    ['array', '[1, 2]', /expected object/],
    ['torn', '{"runId":"torn","sta', /is not valid JSON/],
  ];
  for (const [name, runJson] of cases) writeRun(runsDir, name, runJson);
  fs.mkdirSync(path.join(runsDir, 'being-created'));
  fs.writeFileSync(path.join(runsDir, 'notes.txt'), 'not a run');
  const { runs, unreadable } = await listRuns(runsDir);
  assert.deepEqual(runs, []);
  const reasons = new Map(unreadable.map((run) => [path.basename(run.dir), run.reason]));
  for (const [name, , reason] of cases) assert.match(reasons.get(name) ?? '(listed as readable or skipped)', reason, name);
  assert.equal(reasons.size, cases.length, 'a folder without run.json (one being created) and a file are not runs at all');
});

test('a config.json that is not a resolved config is unreadable, naming the field', async () => {
  const dir = writeRun(path.join(tempDir(), 'runs'), 'bad-config', info());
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ hash: 'h', config: { name: 'ring', data: { kind: 'swirl' } } }));
  await assert.rejects(readStoredConfig(dir), (error: Error) => error.message.includes(path.join(dir, 'config.json')) && /config\.data\.kind/.test(error.message));
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ hash: 7, config: resolvedConfig({ name: 'ring', data: { kind: 'ring' } }).config }));
  await assert.rejects(readStoredConfig(dir), /config\.json: hash: /);
});

test('evaluation and diagnostic lines with a field of the wrong type are skipped', () => {
  const evaluation = { type: 'evaluation', step: 10, time: 't', samples: 100, seconds: 1, fid: { value: 3.5, floor: 1.2 } };
  assert.ok(isEvaluationRecord(evaluation));
  assert.equal(isEvaluationRecord({ ...evaluation, fid: { value: '<b>', floor: 1 } }), false);
  assert.equal(isEvaluationRecord({ ...evaluation, samples: '100' }), false);
  const diagnostic = {
    type: 'diagnostic', step: 10, time: 't', kind: 'mode-collapse', state: 'raised', severity: 'warning', summary: 's',
    evidence: [{ name: 'spread', value: 0.1, threshold: { value: 0.2, when: 'below' } }], window: { from: 0, to: 10 }, remedies: ['r'],
  };
  assert.ok(isDiagnosticRecord(diagnostic));
  assert.equal(isDiagnosticRecord({ ...diagnostic, evidence: [{ name: 'spread', value: 'low' }] }), false);
  assert.equal(isDiagnosticRecord({ ...diagnostic, severity: 'fatal' }), false);
});

test('today\'s run files, and a run.json of the first format, stay readable', async () => {
  await useTestBackend();
  const { config, hash } = resolvedConfig({
    name: 'readable', seed: 4, data: { kind: 'ring', count: 200 },
    model: { kind: 'mlp', latentSize: 2, generator: { hidden: [8] }, discriminator: { hidden: [8] } },
    training: { steps: 10, batchSize: 16 }, logging: { every: 5 }, samples: { every: 10 }, checkpoints: { every: 10 },
    evaluation: { every: 10 },
  });
  const run = await train({ runsDir: tempDir(), config: { config, hash } });
  const snapshot = await readRun(run.runDir);
  assert.deepEqual(snapshot.info, run.info);
  assert.deepEqual(snapshot.stored.config, config);
  assert.deepEqual(snapshot.samples.map((sample) => sample.step), [0, 10]);
  assert.ok(snapshot.metrics.length > 0 && snapshot.histograms.length > 0);
  const evaluations = await readJsonLines(path.join(run.runDir, 'metrics.jsonl'), isEvaluationRecord);
  assert.deepEqual(evaluations.map((record) => [record.step, record.modes?.total]), [[0, 8], [10, 8]], 'the scheduled evaluation lines validate');

  // As the first release wrote it (no note, backend with its attempts, a pid and host).
  const first: RunInfo = {
    format: 1, runId: 'ring-20261122-221503', name: 'ring', status: 'stopped', step: 300, totalSteps: 2000, seed: 0,
    configHash: '5f0c', dataset: 'ring: 8 modes', backend: { backend: 'wasm', reason: 'no native package', attempts: [
      { backend: 'tensorflow', ok: false, detail: 'not installed' }, { backend: 'wasm', ok: true, detail: 'SIMD on, 4 threads' }] },
    startedAt: '2026-11-22T22:15:03.000Z', updatedAt: '2026-11-22T22:16:00.000Z', endedAt: '2026-11-22T22:16:00.000Z',
    lastCheckpoint: { step: 300, path: 'checkpoints/step-300' }, lastSample: { step: 300, path: 'samples/step-300.png' },
    pid: 4242, hostname: 'box', configFile: '/w/ring.gan.yaml',
  };
  const dir = writeRun(tempDir(), 'first', first);
  assert.deepEqual(await readRunInfo(dir), first);
});

test('a run folder linked out of the runs directory, or a runs directory linked out of the workspace, is not followed', async () => {
  const outside = tempDir();
  const foreign = writeRun(outside, 'foreign', info({ runId: 'foreign' }));
  const root = tempDir();
  const runsDir = path.join(root, '.gan', 'runs');
  const good = writeRun(runsDir, 'good', info({ runId: 'good' }));
  fs.symlinkSync(foreign, path.join(runsDir, 'linked'));
  fs.symlinkSync(good, path.join(runsDir, 'alias'), 'dir');
  const listing = await listRuns(runsDir);
  assert.deepEqual(listing.runs.map((run) => path.basename(run.dir)).sort(), ['alias', 'good'], 'a link inside the runs directory is fine');
  assert.deepEqual(listing.unreadable.map((run) => path.basename(run.dir)), ['linked']);
  assert.match(listing.unreadable[0]?.reason ?? '', /links outside .*runs/);

  const linkedRoot = tempDir();
  fs.symlinkSync(path.join(outside), path.join(linkedRoot, '.gan'));
  const { runs, unreadable } = await discoverRunFolders([{ label: 'w', root: linkedRoot, runsDir: path.join(linkedRoot, '.gan') }]);
  assert.deepEqual(runs, []);
  assert.match(unreadable[0]?.reason ?? '', /links outside the workspace folder/);
});

test('sample grids that are links (or in a linked samples folder) are not listed or shown', async () => {
  const outside = tempDir();
  fs.writeFileSync(path.join(outside, 'secret.png'), 'png');
  const runsDir = path.join(tempDir(), 'runs');
  const dir = writeRun(runsDir, 'linked-samples', info({ runId: 'linked-samples' }));
  fs.symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'samples', 'step-30.png'));
  assert.deepEqual((await listStepEntries(path.join(dir, 'samples'))).map((entry) => entry.step), [20]);
  const view = (await discoverRunFolders([{ label: 'w', root: path.dirname(runsDir), runsDir }])).runs[0];
  assert.ok(view);
  assert.equal(sampleGridFile(view), path.join(dir, 'samples', 'step-20.png'));
  assert.equal(sampleGridFile({ ...view, sampleStep: 30 }), undefined, 'a grid that links elsewhere is not shown');

  fs.renameSync(path.join(dir, 'samples'), path.join(outside, 'samples'));
  fs.symlinkSync(path.join(outside, 'samples'), path.join(dir, 'samples'));
  assert.deepEqual(await listStepEntries(path.join(dir, 'samples')), []);
  assert.equal(sampleGridFile(view), undefined);
});
