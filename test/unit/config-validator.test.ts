import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigValidator } from '../../src/host/validation/configValidator';
import { tempDir } from './support/training';

// Live diagnostics check what a workspace holds as the user types, in Restricted Mode too: the
// checking runs in a worker thread with a time limit, so no config or note can hold the
// extension host's thread. Runs the bundle the extension ships (dist/configValidator.js).

const root = path.join(__dirname, '..', '..');
const entry = path.join(root, 'dist', 'configValidator.js');
if (!fs.existsSync(entry)) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);

const broken = 'name: ring\ndata: { kind: ring }\ntraining: { batchSize: -4 }\n';

test('a config is checked in a worker thread: the caller\'s event loop keeps turning meanwhile', async (t) => {
  const validator = new ConfigValidator({ entry });
  t.after(() => validator.dispose());
  // Issue 16's hostile config: 30,000 unknown top-level keys.
  const hostile = Array.from({ length: 30_000 }, (_, i) => `unknown${i}: 1`).join('\n');
  let turns = 0;
  let turning = true;
  const turn = (): void => { turns++; if (turning) setImmediate(turn); };
  setImmediate(turn);
  const found = await validator.validate('hostile.gan.yaml', { kind: 'config', text: hostile, file: '/w/hostile.gan.yaml' });
  turning = false;
  assert.ok(turns > 3, `the loop turned ${turns} times while the config was checked`);
  assert.ok(found?.some((problem) => /unknown field 'unknown0'/.test(problem.message)), 'its problems come back');
  const problems = await validator.validate('broken.gan.yaml', { kind: 'config', text: broken, file: '/w/broken.gan.yaml' });
  assert.deepEqual(problems?.map((problem) => [problem.field, problem.startLine]), [['training.batchSize', 2]]);
});

test('a file checked again before its answer came back gets only the latest answer; other files are not affected', async (t) => {
  const validator = new ConfigValidator({ entry });
  t.after(() => validator.dispose());
  const first = validator.validate('a.gan.yaml', { kind: 'config', text: broken, file: '/w/a.gan.yaml' });
  const other = validator.validate('b.gan.yaml', { kind: 'config', text: broken, file: '/w/b.gan.yaml' });
  const stale = validator.validate('c.gan.yaml', { kind: 'config', text: broken, file: '/w/c.gan.yaml' });
  const latest = validator.validate('c.gan.yaml', { kind: 'config', text: 'name: ring\ndata: { kind: ring }\n', file: '/w/c.gan.yaml' });
  assert.equal((await first)?.length, 1);
  assert.equal((await other)?.length, 1);
  assert.equal(await stale, undefined, 'superseded before it was checked');
  assert.deepEqual(await latest, []);
});

test('note blocks are checked in the worker against the runs they name', async (t) => {
  const validator = new ConfigValidator({ entry });
  t.after(() => validator.dispose());
  const note = '# Notes\n\n```gan\nrun: ring-1\n```\n\n```gan\nname: ring\ndata: { kind: ring }\ntraining: { batchSize: -4 }\n```\n';
  const found = await validator.validate('notes.md', { kind: 'note', text: note, file: '/w/notes.md', runs: [] });
  assert.deepEqual(found?.map((problem) => [problem.startLine, problem.severity ?? 'error']), [[3, 'warning'], [9, 'error']]);
  const known = await validator.validate('notes.md', { kind: 'note', text: note, file: '/w/notes.md', runs: [{ runId: 'ring-1', name: 'ring' }] });
  assert.deepEqual(known?.map((problem) => problem.startLine), [9]);
});

test('a check past the time limit is stopped and reported on the first line, and the next check starts a fresh worker', async (t) => {
  const validator = new ConfigValidator({ entry, timeLimitMs: 1 });
  t.after(() => validator.dispose());
  for (const attempt of [1, 2]) {
    const found = await validator.validate('slow.gan.yaml', { kind: 'config', text: broken, file: '/w/slow.gan.yaml' });
    assert.equal(found?.length, 1, `attempt ${attempt}`);
    assert.deepEqual([found?.[0]?.startLine, found?.[0]?.endCharacter], [0, 'name: ring'.length]);
    assert.match(found?.[0]?.message ?? '', /stopped checking this file after 1 ms/);
  }
});

test('a worker that crashes is reported on the first line, not thrown; disposing answers pending checks with nothing', async (t) => {
  const crashing = path.join(tempDir(), 'crash.js');
  fs.writeFileSync(crashing, 'throw new Error("validator broke");\n');
  const validator = new ConfigValidator({ entry: crashing });
  t.after(() => validator.dispose());
  const found = await validator.validate('a.gan.yaml', { kind: 'config', text: broken, file: '/w/a.gan.yaml' });
  assert.match(found?.[0]?.message ?? '', /could not check this file.*validator broke/);
  const working = new ConfigValidator({ entry });
  const pending = working.validate('a.gan.yaml', { kind: 'config', text: broken, file: '/w/a.gan.yaml' });
  working.dispose();
  assert.equal(await pending, undefined);
  assert.equal(await working.validate('a.gan.yaml', { kind: 'config', text: broken, file: '/w/a.gan.yaml' }), undefined, 'disposed: nothing more is checked');
});
