import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_STEPS } from '../../src/core/config/trainingSchema';
import { tinyYaml } from './support/cli';
import { ensureCliBundle, runCli, type Finished } from './support/cliProcess';
import { tempDir } from './support/training';

// Options naming paths and counts, given wrong: each exits 2 with a message naming what was wrong.
before(ensureCliBundle);
const work = tempDir('gan-studio-cli-paths-');
const config = path.join(work, 'tiny.gan.yaml');
fs.writeFileSync(config, tinyYaml());
const aFile = path.join(work, 'a-file');
fs.writeFileSync(aFile, 'not a folder\n');

function assertRefused(result: Finished, message: RegExp): void {
  assert.equal(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /EEXIST|ENOTDIR|ENOENT|^\s+at /m, 'no raw system error or stack trace');
}

test('--steps above the cap that configs have is refused, naming the cap', async () => {
  assertRefused(await runCli(['train', config, '--steps', '1e15', '--runs-dir', path.join(work, 'runs')]),
    new RegExp(`--steps must be an integer between 1 and ${MAX_STEPS}, found '1e15'`));
  assert.ok(!fs.existsSync(path.join(work, 'runs')), 'nothing was created');
});

test('--runs-dir naming a file, or a folder under a file, says the path is a file and not a folder', async () => {
  assertRefused(await runCli(['train', config, '--runs-dir', aFile, '--backend', 'cpu']),
    new RegExp(`runs folder ${aFile}: ${aFile} is a file, not a folder`));
  const under = path.join(aFile, 'runs');
  assertRefused(await runCli(['train', config, '--runs-dir', under, '--backend', 'cpu']),
    new RegExp(`runs folder ${under}: ${aFile} is a file, not a folder`));
});

test('--resume naming a file or a missing folder says it expected a run folder', async () => {
  assertRefused(await runCli(['train', '--resume', aFile, '--backend', 'cpu']),
    new RegExp(`${aFile} is a file, not a run folder \\(a folder holding run\\.json\\)`));
  const missing = path.join(work, 'no-such-run');
  assertRefused(await runCli(['train', '--resume', missing, '--backend', 'cpu']),
    new RegExp(`${missing} does not exist`));
});

test('--runs-dir in a file system that refuses folders (/proc) fails at once instead of hanging', { skip: process.platform !== 'linux' && 'needs /proc' }, async () => {
  assertRefused(await runCli(['train', config, '--runs-dir', '/proc/1/nope', '--backend', 'cpu'], undefined, 20_000),
    /cannot create runs folder \/proc\/1\/nope: /);
});
