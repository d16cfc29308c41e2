import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { ensureCliBundle, runCli, type Finished } from './support/cliProcess';
import { idxBytes, interlacedPngBomb, jpegClaiming, makeFifo, pngClaiming, writeGzipIdxBomb } from './support/hostileData';
import { tempDir } from './support/training';

// Hostile data files, built here, each trained through the real CLI bundle: exit 2 in seconds and
// bounded memory, with a message naming the config field, the file and the limit. Before the data
// readers checked, these took 4.6 GB and 29 s (the PNG), 2.35 GB and more (the bomb), or hung (/dev/zero, FIFOs).
before(ensureCliBundle);
const work = tempDir('gan-studio-hostile-data-');
const unix = process.platform !== 'win32';

/** Well above a CLI that stops at the data (~100 MB), far below what trusting any of these files costs. */
const MAX_RSS_KIB = 400 * 1024;
/** Kills a hung child; each case takes about a second. */
const HANG_GUARD_MS = 20_000;

interface Case {
  readonly name: string;
  /** The `data:` section of the config, and the files it needs (made in the case's folder). */
  readonly data: string;
  readonly make: (dir: string) => void;
  /** The file the message must name, relative to the case's folder (or absolute), and the field. */
  readonly file: string;
  readonly field: string;
  readonly says: RegExp;
  readonly needsUnix?: boolean;
}

const png = (width: number, height: number) => (dir: string) => writeIn(dir, 'images/a.png', pngClaiming(width, height));
const writeIn = (dir: string, relative: string, bytes: Uint8Array | string) => {
  fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
  fs.writeFileSync(path.join(dir, relative), bytes);
};
const folderData = '{ kind: folder, path: images, size: 32, channels: 1 }';

const cases: readonly Case[] = [
  { name: 'png-20000x20000', data: folderData, make: png(20_000, 20_000), file: 'images/a.png', field: 'data.path',
    says: /declares 20000×20000 pixels .*; an image may have at most 40,000,000 pixels/ },
  { name: 'jpeg-9000x9000', data: folderData, make: (dir) => writeIn(dir, 'images/a.jpg', jpegClaiming(9_000, 9_000)), file: 'images/a.jpg', field: 'data.path',
    says: /declares 9000×9000 pixels .*; an image may have at most 40,000,000 pixels/ },
  { name: 'png-interlaced-bomb', data: folderData, make: (dir) => writeIn(dir, 'images/a.png', interlacedPngBomb(16, 16, 2 ** 31 - 4096)),
    file: 'images/a.png', field: 'data.path', says: /its pixel data inflates to more than the \d+ bytes 16×16 pixels need/ },
  { name: 'png-corrupt-header', data: folderData, make: (dir) => writeIn(dir, 'images/a.png', pngClaiming(20, 20).subarray(0, 20)), file: 'images/a.png',
    field: 'data.path', says: /damaged PNG image: it ends inside its header/ },
  { name: 'image-file-oversized', data: folderData, file: 'images/a.png', field: 'data.path', says: /is 1 GiB; an image file may be at most 128 MiB/,
    make: (dir) => {
      writeIn(dir, 'images/a.png', pngClaiming(4, 4));
      fs.truncateSync(path.join(dir, 'images/a.png'), 2 ** 30); // sparse: no disk, but a reader that trusts it reads 1 GiB
    } },
  { name: 'gzip-idx-bomb', data: '{ kind: idx, images: bomb.idx.gz }', make: (dir) => writeGzipIdxBomb(path.join(dir, 'bomb.idx.gz'), [3_000_000, 28, 28]),
    file: 'bomb.idx.gz', field: 'data.images', says: /reading 3,000,000 of them needs 2,352,000,000 values, over the limit of 268,435,456 .*; set data\.limit to at most 342,392/ },
  { name: 'idx-absurd-dims', data: '{ kind: idx, images: absurd.idx.gz }', file: 'absurd.idx.gz', field: 'data.images',
    make: (dir) => writeIn(dir, 'absurd.idx.gz', zlib.gzipSync(idxBytes([0xffffffff, 0xffffffff, 0xffffffff], [1]))),
    says: /is a gzip file of \d+ bytes but its header announces 4294967295×4294967295×4294967295 = 7\.9e\+28 bytes; gzip cannot inflate/ },
  { name: 'idx-truncated', data: '{ kind: idx, images: cut.idx }', make: (dir) => writeIn(dir, 'cut.idx', idxBytes([100, 28, 28], new Uint8Array(1000))),
    file: 'cut.idx', field: 'data.images', says: /has 1,000 bytes of data but its header announces 100×28×28 = 78,400/ },
  { name: 'idx-folder', data: '{ kind: idx, images: a-folder }', make: (dir) => fs.mkdirSync(path.join(dir, 'a-folder')),
    file: 'a-folder', field: 'data.images', says: /is a folder, not a file/ },
  { name: 'folder-is-file', data: '{ kind: folder, path: plain.txt }', make: (dir) => writeIn(dir, 'plain.txt', 'hello'),
    file: 'plain.txt', field: 'data.path', says: /is a file, not a folder/ },
  { name: 'dev-zero', data: '{ kind: idx, images: /dev/zero }', make: () => undefined, file: '/dev/zero', field: 'data.images',
    says: /is a character device, not a regular file/, needsUnix: true },
  { name: 'link-to-dev-zero', data: '{ kind: idx, images: zero.idx }', make: (dir) => fs.symlinkSync('/dev/zero', path.join(dir, 'zero.idx')),
    file: 'zero.idx', field: 'data.images', says: /links to \/dev\/zero, which is a character device, not a regular file/, needsUnix: true },
  { name: 'fifo-images', data: '{ kind: idx, images: pipe.idx }', make: (dir) => makeFifo(path.join(dir, 'pipe.idx')),
    file: 'pipe.idx', field: 'data.images', says: /is a FIFO \(named pipe\), not a regular file/, needsUnix: true },
  { name: 'fifo-in-folder', data: folderData, make: (dir) => { fs.mkdirSync(path.join(dir, 'images')); makeFifo(path.join(dir, 'images/a.png')); },
    file: 'images/a.png', field: 'data.path', says: /is a FIFO \(named pipe\), not a regular file/, needsUnix: true },
];

async function train(dir: string, data: string, extra = ''): Promise<Finished> {
  const config = path.join(dir, 'hostile.gan.yaml');
  fs.writeFileSync(config, `name: hostile\ndata: ${data}\n${extra}`);
  return runCli(['train', config, '--runs-dir', path.join(dir, 'runs'), '--backend', 'cpu'], undefined, HANG_GUARD_MS);
}

function assertBounded(result: Finished): void {
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
  assert.ok(result.maxRssKiB !== undefined && result.maxRssKiB < MAX_RSS_KIB, `peak RSS ${result.maxRssKiB} KiB`);
}

for (const { name, data, make, file, field, says, needsUnix } of cases) {
  test(`train on ${name}: exit 2 naming ${field}, the file and the limit; bounded memory`, { skip: needsUnix && !unix && 'Unix special files' }, async () => {
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    make(dir);
    const result = await train(dir, data);
    assert.equal(result.code, 2, `exit code: ${result.stdout}\n${result.stderr.slice(0, 2000)}`);
    const named = path.isAbsolute(file) ? file : path.join(dir, file);
    assert.ok(result.stderr.startsWith(`${field}: ${named} `), result.stderr);
    assert.match(result.stderr, says);
    assertBounded(result);
    assert.equal(fs.existsSync(path.join(dir, 'runs')) && fs.readdirSync(path.join(dir, 'runs')).length > 0, false, 'no run folder is left');
  });
}

test('train on the gzip IDX bomb with limit 10 reads 10 images and trains, in bounded memory', async () => {
  const dir = path.join(work, 'bomb-limit-10');
  fs.mkdirSync(dir);
  writeGzipIdxBomb(path.join(dir, 'bomb.idx.gz'), [3_000_000, 28, 28]);
  const result = await train(dir, '{ kind: idx, images: bomb.idx.gz, limit: 10 }', 'training: { batchSize: 8, steps: 1 }\n');
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr.slice(0, 2000)}`);
  assert.match(result.stdout, /10 images, 28×28/);
  assertBounded(result);
});
