import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodePng } from '../../src/core/render/png';
import { ensureCliBundle, runCli, type Finished } from './support/cliProcess';
import { tempDir } from './support/training';

// Hostile configs, generated here (some are megabytes), each run through the real CLI bundle:
// exit 2, a message naming the file and the field, a bounded report, bounded memory, no hang.
before(ensureCliBundle);
const work = tempDir('gan-studio-hostile-');

/** Far above what validating a small config takes (~100 MB), far below what the old quadratic or unbounded paths reached. */
const MAX_RSS_KIB = 400 * 1024;
/** The CLI lists the first 20 problems and then says how many more there are. */
const MAX_REPORT_LINES = 21;
/** Kills a hung child; the fixed validator takes about a second for any of these. */
const HANG_GUARD_MS = 20_000;

const header = 'name: hostile\ndata: { kind: ring }\n';
const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n') + '\n';

interface Case {
  readonly file: string;
  readonly text: () => string;
  /** What the report must say (besides naming the file). */
  readonly says: RegExp;
}

const cases: readonly Case[] = [
  { file: 'unknown-keys-40000.gan.yaml', text: () => header + lines(40_000, (i) => `k${i}: 1`),
    says: /:3:1: k0: unknown field 'k0' \(allowed: [^\n]*\n[^]*…and 39980 more problems/ },
  { file: 'unknown-keys-30000.gan.json', text: () => `{"name": "hostile", "data": {"kind": "ring"}${lines(30_000, (i) => `, "k${i}": 1`)}}`,
    says: /: k0: unknown field 'k0'[^]*…and 29980 more problems/ },
  { file: 'unknown-keys-in-data-30000.gan.yaml', text: () => 'name: hostile\ndata:\n  kind: ring\n' + lines(30_000, (i) => `  k${i}: 1`),
    says: /:4:3: data\.k0: unknown field 'k0' \(allowed: kind, modes, radius, sigma, count\)[^]*…and 29980 more problems/ },
  { file: 'duplicate-keys-30000.gan.yaml', text: () => header + lines(30_000, () => 'seed: 1'),
    says: /:4:1: seed: duplicate field[^]*…and 29979 more problems/ },
  { file: 'syntax-errors-30000.gan.yaml', text: () => header + lines(30_000, (i) => `k${i}: a: b`),
    says: /YAML syntax error[^]*…and \d+ more problems/ },
  // An explicit key (`? key`): YAML caps implicit keys at 1,024 characters.
  { file: 'long-key.gan.yaml', text: () => `${header}? ${'k'.repeat(500_000)}\n: 1\n`,
    says: /:3:3: k{20,40}…: unknown field 'k{20,40}…' \(allowed/ },
  { file: 'oversized.gan.yaml', text: () => header + lines(40_000, () => '# a comment line that pads the file well past any real config'),
    says: /: the config is 2\.\d MiB; a config may be at most 1 MiB/ },
  { file: 'deep-flow.gan.yaml', text: () => `name: hostile\ndata: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
    says: /:2:\d+: (data(\[0\])*: )?the config is nested more than 64 levels deep/ },
  { file: 'deep-blocks.gan.yaml', text: () => `${header}extra:\n${lines(1_000, (i) => `${' '.repeat(i + 1)}- `)}`,
    says: /: (extra(\[0\])*: )?the config is nested more than 64 levels deep/ },
  { file: 'deep.gan.json', text: () => `{"name": "hostile", "data": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
    says: /:1:\d+: JSON syntax error: nested more than 256 levels deep/ },
  { file: 'alias-bomb.gan.yaml', text: () => `name: hostile\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n${
    lines(9, (i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)}data: { kind: ring }\n`,
    says: /YAML error: Excessive alias count/ },
];

function assertBoundedFailure(result: Finished, file: string, says: RegExp): void {
  const report = result.stderr;
  assert.equal(result.code, 2, `exit code of ${file}: ${report.slice(0, 2000)}`);
  assert.ok(report.includes(file), `the report names ${file}: ${report.slice(0, 500)}`);
  assert.match(report, says);
  assert.doesNotMatch(report, /^\s+at /m, 'no stack trace');
  assert.ok(report.trimEnd().split('\n').length <= MAX_REPORT_LINES, `${report.split('\n').length} lines reported`);
  assert.ok(report.length < 20_000, `${report.length} characters reported`);
  assert.ok(result.maxRssKiB !== undefined && result.maxRssKiB < MAX_RSS_KIB, `peak RSS ${result.maxRssKiB} KiB`);
}

for (const { file, text, says } of cases) {
  test(`validate ${file}: exit 2, a bounded report naming the file, bounded memory`, async () => {
    const configFile = path.join(work, file);
    fs.writeFileSync(configFile, text());
    assertBoundedFailure(await runCli(['validate', configFile], undefined, HANG_GUARD_MS), configFile, says);
  });
}

test('a device or a FIFO given as the config is refused without reading it', { skip: process.platform === 'win32' && 'no /dev/zero or FIFOs' }, async () => {
  assertBoundedFailure(await runCli(['validate', '/dev/zero'], undefined, HANG_GUARD_MS), '/dev/zero',
    /cannot read config file \/dev\/zero: it is not a regular file/);
  const fifo = path.join(work, 'fifo.gan.yaml');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  assertBoundedFailure(await runCli(['validate', fifo], undefined, HANG_GUARD_MS), fifo,
    /cannot read config file .*fifo\.gan\.yaml: it is not a regular file/);
});

/** An IDX images file of `count` grayscale images of side `size`. */
function writeIdx(file: string, count: number, size: number): void {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x0803, 0);
  [count, size, size].forEach((dim, i) => header.writeUInt32BE(dim, 4 + 4 * i));
  fs.writeFileSync(file, Buffer.concat([header, Buffer.alloc(count * size * size, 128)]));
}

/** Trains `config` (written next to its data) and expects a config error on `field` at `line`, and no run. */
async function assertTrainRefused(name: string, config: string, line: number, field: string, says: RegExp, backend = 'cpu'): Promise<void> {
  const configFile = path.join(work, `${name}.gan.yaml`);
  fs.writeFileSync(configFile, config);
  const runsDir = path.join(work, `${name}-runs`);
  const result = await runCli(['train', configFile, '--runs-dir', runsDir, '--backend', backend], undefined, HANG_GUARD_MS);
  assertBoundedFailure(result, `${configFile}:${line}:`, says);
  assert.ok(result.stderr.includes(`${configFile}:${line}:`) && result.stderr.includes(`: ${field}: `), result.stderr);
  assert.deepEqual(fs.existsSync(runsDir) ? fs.readdirSync(runsDir) : [], [], 'no run folder is left behind');
}

test('a DCGAN on 8×8 IDX images is a config error on model.kind, found once the file is read', async () => {
  writeIdx(path.join(work, 'tiny-8.idx'), 100, 8);
  await assertTrainRefused('dcgan-idx-8', 'name: small\ndata:\n  kind: idx\n  images: tiny-8.idx\nmodel:\n  kind: dcgan\n', 6, 'model.kind',
    /dcgan handles square images of 28, 32 or 64 pixels, but data.images \(.*tiny-8\.idx\) holds 8×8 images/);
});

test('a DCGAN whose imageSize differs from the IDX images is a config error on model.imageSize', async () => {
  writeIdx(path.join(work, 'tiny-28.idx'), 100, 28);
  await assertTrainRefused('dcgan-idx-mismatch', 'name: small\ndata:\n  kind: idx\n  images: tiny-28.idx\nmodel:\n  kind: dcgan\n  imageSize: 32\n', 7,
    'model.imageSize', /found 32, but the idx images are 28×28/);
});

test('a batch larger than the IDX file or the image folder is a config error on training.batchSize', async () => {
  writeIdx(path.join(work, 'three.idx'), 3, 28);
  await assertTrainRefused('idx-batch', 'name: small\ndata:\n  kind: idx\n  images: three.idx\ntraining:\n  batchSize: 64\n', 6,
    'training.batchSize', /found 64, but the data holds only 3 examples/);
  const folder = path.join(work, 'two-images');
  fs.mkdirSync(folder);
  for (const name of ['a.png', 'b.png']) fs.writeFileSync(path.join(folder, name), encodePng({ width: 4, height: 4, data: new Uint8Array(64).fill(200) }));
  await assertTrainRefused('folder-batch', 'name: small\ndata: { kind: folder, path: two-images, size: 4, channels: 1 }\ntraining: { batchSize: 3 }\n', 3,
    'training.batchSize', /found 3, but the data holds only 2 examples/);
});

test('a model that cannot fit the backend\'s memory is refused before training, with the estimate and the limit', async () => {
  // Validates on a machine with tens of GiB, but the wasm backend the tests train on has a 4 GiB heap.
  await assertTrainRefused('dcgan-wasm-memory',
    'name: big\ndata: { kind: mnist }\nmodel:\n  kind: dcgan\n  generator: { channels: 256 }\n  discriminator: { channels: 256 }\ntraining:\n  batchSize: 4096\n', 8,
    'training.batchSize', /needs at least [\d.]+ GiB to train at batch size 4096 .* over the [\d.]+ GiB/, 'wasm');
});
