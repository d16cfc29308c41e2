import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as jpeg from 'jpeg-js';
import { encodePng } from '../../src/core/render/png';
import { loadIdx } from '../../src/core/data/idx';
import { loadImageFolder } from '../../src/core/data/imageFolder';
import { readImageHeader } from '../../src/core/data/imageHeader';
import { decodeImage } from '../../src/core/data/images';
import { dataLimits } from '../../src/core/data/dataLimits';
import { idxBytes, interlacedPngBomb, jpegClaiming, makeFifo, namesFile, pngClaiming, writeGzipIdxBomb } from './support/hostileData';
import { tempDir } from './support/training';

// Data files that lie or are not files at all: each is refused before it costs memory or time,
// with a DataError naming the config field, the file and, where there is one, the limit.
const temp = tempDir('gan-data-files-');
const unix = process.platform !== 'win32';
const noSpecialFiles = !unix && 'no /dev/zero or FIFOs';

function write(relative: string, bytes: Uint8Array | string): string {
  const file = path.join(temp, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}

const loadImages = (images: string, extra: { labels?: string; limit?: number } = {}) =>
  loadIdx({ kind: 'idx', images, ...extra }, temp);
const folder = (dir: string, size = 4, channels: 1 | 3 = 3) => ({ kind: 'folder', path: dir, size, channels }) as const;
const inImageFolder = { field: 'data.path', file: 'a.png' };
const megapixels = `${dataLimits.imagePixels.toLocaleString('en-US')} pixels`;

test('a data file must be a regular file: FIFOs, devices, links to them and folders are refused unread', { skip: noSpecialFiles }, async () => {
  const fifo = makeFifo(path.join(temp, 'pipe.idx'));
  await assert.rejects(loadImages('pipe.idx'), namesFile(fifo, /is a FIFO \(named pipe\), not a regular file/, 'data.images'));
  await assert.rejects(loadImages('/dev/zero'), namesFile('/dev/zero', /is a character device, not a regular file/, 'data.images'));
  const linkToZero = path.join(temp, 'zero.idx');
  fs.symlinkSync('/dev/zero', linkToZero);
  await assert.rejects(loadImages('zero.idx'), namesFile(linkToZero, /links to \/dev\/zero, which is a character device, not a regular file/, 'data.images'));
  const linkToFifo = path.join(temp, 'pipe-link.idx');
  fs.symlinkSync(fifo, linkToFifo);
  await assert.rejects(loadImages('pipe-link.idx'), namesFile(linkToFifo, /which is a FIFO/, 'data.images'));
  fs.mkdirSync(path.join(temp, 'a-folder.idx'));
  await assert.rejects(loadImages('a-folder.idx'), namesFile(path.join(temp, 'a-folder.idx'), /is a folder, not a file/, 'data.images'));

  write('ok.idx', idxBytes([2, 1, 1], [0, 255]));
  await assert.rejects(loadImages('ok.idx', { labels: 'pipe.idx' }), namesFile(fifo, /FIFO/, 'data.labels'));
  await assert.rejects(loadImageFolder(folder('/dev/zero'), temp), namesFile('/dev/zero', /is a character device, not a folder/, 'data.path'));
});

test('an image-named FIFO or device link in a folder is refused, not read and not skipped', { skip: noSpecialFiles }, async () => {
  write('special/a.png', encodePng({ width: 2, height: 2, data: new Uint8Array(16).fill(255) }));
  const fifo = makeFifo(path.join(temp, 'special', 'b.png'));
  await assert.rejects(loadImageFolder(folder('special'), temp), namesFile(fifo, /is a FIFO/, 'data.path'));
  fs.rmSync(fifo);
  const zero = path.join(temp, 'special', 'c.jpg');
  fs.symlinkSync('/dev/zero', zero);
  await assert.rejects(loadImageFolder(folder('special'), temp), namesFile(zero, /character device/, 'data.path'));
});

test('PNG IHDR and JPEG SOF headers give the size without decoding', () => {
  assert.deepEqual(readImageHeader(encodePng({ width: 5, height: 3, data: new Uint8Array(60) }), inImageFolder), { format: 'PNG', width: 5, height: 3 });
  assert.deepEqual(readImageHeader(pngClaiming(20_000, 20_000), inImageFolder), { format: 'PNG', width: 20_000, height: 20_000 });
  const photo = jpeg.encode({ width: 16, height: 8, data: new Uint8Array(16 * 8 * 4) }, 80).data;
  assert.deepEqual(readImageHeader(photo, inImageFolder), { format: 'JPEG', width: 16, height: 8 });
  assert.deepEqual(readImageHeader(jpegClaiming(65_535, 65_535), inImageFolder), { format: 'JPEG', width: 65_535, height: 65_535 });
});

test('damaged image headers are refused clearly', () => {
  const png = encodePng({ width: 2, height: 2, data: new Uint8Array(16) });
  const damaged = (bytes: Uint8Array, pattern: RegExp) =>
    assert.throws(() => readImageHeader(bytes, inImageFolder), namesFile('a.png', pattern, 'data.path'));
  damaged(png.subarray(0, 20), /damaged PNG image: it ends inside its header/);
  damaged(Buffer.concat([png.subarray(0, 12), Buffer.from('IDAT'), png.subarray(16)]), /damaged PNG image: its first chunk is "IDAT", not IHDR/);
  damaged(pngClaiming(0, 7), /damaged PNG image: its header declares 0×7 pixels/);
  damaged(pngClaiming(2 ** 31, 1), /damaged PNG image: its header declares 2147483648×1 pixels/);
  const photo = Buffer.from(jpeg.encode({ width: 8, height: 8, data: new Uint8Array(256) }, 80).data);
  const sof = photo.indexOf(Buffer.from([0xff, 0xc0]));
  damaged(photo.subarray(0, sof + 4), /damaged JPEG image: it ends before its frame header \(SOF\)/);
  damaged(jpegClaiming(8, 0), /damaged JPEG image: its frame header declares 8×0 pixels/);
  const scanFirst = Buffer.concat([photo.subarray(0, 2), Buffer.from([0xff, 0xda, 0, 2]), photo.subarray(2)]);
  damaged(scanFirst, /damaged JPEG image: its image data starts before any frame header \(SOF\)/);
  const firstSegment = photo.subarray(0, 4 + photo.readUInt16BE(4));
  damaged(Buffer.concat([firstSegment, Buffer.from([0x12, 0x34])]), /damaged JPEG image: found byte 0x12 where a marker should be/);
  damaged(Buffer.from('just text'), /is not a PNG or JPEG image/);
});

test('an image over the pixel limit is refused before it is decoded', () => {
  const over = (bytes: Uint8Array, declared: string) => assert.throws(() => decodeImage(bytes, inImageFolder),
    namesFile('a.png', new RegExp(`declares ${declared} pixels .*; an image may have at most ${megapixels}`), 'data.path'));
  over(pngClaiming(20_000, 20_000), '20000×20000');
  over(jpegClaiming(9_000, 9_000), '9000×9000');
  over(jpegClaiming(65_535, 65_535), '65535×65535');
});

test('an interlaced PNG whose pixel data inflates past what its size needs is refused before pngjs inflates it all', () => {
  assert.equal(decodeImage(interlacedPngBomb(4, 4, 23), inImageFolder).width, 4); // 23 bytes: exactly its Adam7 passes
  assert.throws(() => decodeImage(interlacedPngBomb(16, 16, 64 * 2 ** 20), inImageFolder),
    namesFile('a.png', /is a damaged PNG image: its pixel data inflates to more than the \d+ bytes 16×16 pixels need/, 'data.path'));
});

test('an image file over the size limit is refused before it is read', async () => {
  const huge = write('huge/big.png', pngClaiming(4, 4));
  fs.truncateSync(huge, dataLimits.imageFileBytes + 1); // sparse: costs no disk
  await assert.rejects(loadImageFolder(folder('huge'), temp), namesFile(huge, /is 134,217,729 bytes; an image file may be at most 128 MiB\./, 'data.path'));
});

test('a folder whose images would pass the dataset limit is refused before any is decoded', async () => {
  const size = 256;
  const fit = Math.floor(dataLimits.datasetValues / (size * size * 3));
  const first = write('many/0000.png', 'not even an image: decoding it would fail first');
  for (let i = 1; i <= fit; i++) fs.linkSync(first, path.join(temp, 'many', `${String(i).padStart(4, '0')}.png`));
  await assert.rejects(loadImageFolder(folder('many', size, 3), temp), namesFile(path.join(temp, 'many'),
    new RegExp(`holds ${(fit + 1).toLocaleString('en-US')} images: at 256×256×3 they need .* values, over the limit of ${dataLimits.datasetValues.toLocaleString('en-US')}`), 'data.path'));
});

test('truncated and lying IDX headers are clear errors', async () => {
  const absurd = write('lying/absurd.idx', idxBytes([0xffffffff, 0xffffffff, 0xffffffff], []));
  await assert.rejects(loadImages('lying/absurd.idx'), namesFile(absurd, /0 bytes of data but its header announces 4294967295×4294967295×4294967295 = 7\.9e\+28/, 'data.images'));
  const headerCut = write('lying/cut.idx', idxBytes([3, 28, 28], []).subarray(0, 10));
  await assert.rejects(loadImages('lying/cut.idx'), namesFile(headerCut, /ends inside its IDX header \(10 bytes\)/, 'data.images'));
  const impossible = write('lying/impossible.idx.gz', zlib.gzipSync(idxBytes([1_000_000, 65_535, 65_535], [1, 2, 3])));
  await assert.rejects(loadImages('lying/impossible.idx.gz', { limit: 1 }), namesFile(impossible,
    /is a gzip file of \d+ bytes but its header announces 1000000×65535×65535 = 4,294,836,225,000,000 bytes; gzip cannot inflate \d+ bytes to more than [\d,]+\./, 'data.images'));
  const short = write('lying/short.idx.gz', zlib.gzipSync(idxBytes([100, 2, 2], [1, 2, 3, 4, 5])));
  await assert.rejects(loadImages('lying/short.idx.gz'), namesFile(short, /ends after 5 of the 400 bytes of data its header announces/, 'data.images'));
  const long = write('lying/long.idx.gz', zlib.gzipSync(idxBytes([1, 2, 2], [1, 2, 3, 4, 5])));
  await assert.rejects(loadImages('lying/long.idx.gz'), namesFile(long, /holds more data than its header announces \(1×2×2 = 4 bytes\)/, 'data.images'));
  const cutStream = write('lying/cut-stream.idx.gz', zlib.gzipSync(idxBytes([50, 2, 2], new Uint8Array(200).fill(7))).subarray(0, 30));
  await assert.rejects(loadImages('lying/cut-stream.idx.gz'), namesFile(cutStream, /looks gzip-compressed but cannot be decompressed/, 'data.images'));
});

test('a gzip IDX bomb: limit reads only what it needs, and without limit the dataset limit says which limit to set', async () => {
  const bomb = path.join(temp, 'bomb.idx.gz');
  assert.equal(writeGzipIdxBomb(bomb, [3_000_000, 28, 28]), 2_352_000_016);
  const before = process.resourceUsage().maxRSS;
  const ten = await loadImages('bomb.idx.gz', { limit: 10 });
  assert.deepEqual([ten.count, ten.values.length, ten.values[0]], [10, 7840, -1]);
  const fit = Math.floor(dataLimits.datasetValues / 784);
  await assert.rejects(loadImages('bomb.idx.gz'), namesFile(bomb, new RegExp(`holds 3,000,000 images of 28×28: reading 3,000,000 of them needs 2,352,000,000 values, ` +
    `over the limit of ${dataLimits.datasetValues.toLocaleString('en-US')} \\(1 GiB as 32-bit floats\\); set data\\.limit to at most ${fit.toLocaleString('en-US')}`), 'data.images'));
  const grownKiB = process.resourceUsage().maxRSS - before;
  assert.ok(grownKiB < 200 * 1024, `peak RSS grew by ${grownKiB} KiB`);
});

test('a raw 2.35 GB IDX (sparse) with limit reads the header and limit × image bytes, not the file', async () => {
  const file = write('sparse.idx', idxBytes([3_000_000, 28, 28], [255]));
  fs.truncateSync(file, 16 + 3_000_000 * 28 * 28);
  const before = process.resourceUsage().maxRSS;
  const two = await loadImages('sparse.idx', { limit: 2 });
  assert.deepEqual([two.count, two.values.length, two.values[0], two.values[1]], [2, 1568, 1, -1]);
  const grownKiB = process.resourceUsage().maxRSS - before;
  assert.ok(grownKiB < 200 * 1024, `peak RSS grew by ${grownKiB} KiB`);
});
