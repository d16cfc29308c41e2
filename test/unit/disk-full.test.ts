import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunInfo } from '../../src/core/run/records';
import { cliBundle, ensureCliBundle } from './support/cliProcess';
import { tempDir } from './support/training';

before(ensureCliBundle);

/**
 * How to run a shell script that mounts a small tmpfs: in a user and mount namespace (no root
 * needed, and the mount vanishes with the script), else directly as root. Undefined, with why,
 * where neither is allowed.
 */
function tmpfsShell(probeDir: string): { command: readonly string[] } | { why: string } {
  const probe = 'mount -t tmpfs -o size=1m tmpfs "$0" && umount "$0"';
  const namespaced = spawnSync('unshare', ['-rm', 'sh', '-c', probe, probeDir], { encoding: 'utf8' });
  if (namespaced.status === 0) return { command: ['unshare', '-rm', 'sh'] };
  const direct = process.getuid?.() === 0 ? spawnSync('sh', ['-c', probe, probeDir], { encoding: 'utf8' }) : undefined;
  if (direct?.status === 0) return { command: ['sh'] };
  return { why: `cannot mount a tmpfs: unshare -rm: ${namespaced.error?.message ?? namespaced.stderr.trim()}; ` +
    (direct ? `mount as root: ${direct.stderr.trim()}` : 'not root') };
}

// Trains on a 4 MB tmpfs, fills it once the first checkpoint exists, then frees it and resumes.
// Everything that happens on the small disk happens inside this script (the mount may be private
// to its namespace); results land in $OUT, on the ordinary disk.
const script = `
set -u
mount -t tmpfs -o size=4m tmpfs "$DISK"
trap 'umount "$DISK" 2>/dev/null' EXIT
timeout 60 node "$CLI" train "$CONFIG" --runs-dir "$DISK/runs" >"$OUT/train.out" 2>"$OUT/train.err" &
trainer=$!
i=0
until ls "$DISK"/runs/*/checkpoints/step-20/manifest.json >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -gt 1200 ] && break; sleep 0.05
done
head -c 64M /dev/zero >"$DISK/filler" 2>/dev/null
wait $trainer; echo $? >"$OUT/train.code"
df -k "$DISK" >"$OUT/df.txt"
cp "$DISK"/runs/*/run.json "$OUT/run-when-full.json"
ls -a "$DISK"/runs/*/ "$DISK"/runs/*/checkpoints >"$OUT/listing.txt"
rm "$DISK/filler"
node "$CLI" runs --runs-dir "$DISK/runs" >"$OUT/runs.out" 2>&1
steps=$(node -e 'console.log(require(process.argv[1]).step + 30)' "$OUT/run-when-full.json")
timeout 60 node "$CLI" train --resume "$(echo "$DISK"/runs/*)" --steps "$steps" >"$OUT/resume.out" 2>"$OUT/resume.err"; echo $? >"$OUT/resume.code"
cp "$DISK"/runs/*/run.json "$OUT/run-resumed.json"
`;

function runScript(shell: readonly string[], env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const [command = 'sh', ...args] = shell;
    const child = spawn(command, [...args, '-c', script], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('the disk-full script took over 150 s')); }, 150_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve(code); });
  });
}

test('a full disk fails the run naming it and its resume command; run.json says failed with why; resume works once space is back', async (t) => {
  const work = tempDir('gan-studio-disk-full-');
  const disk = path.join(work, 'disk');
  const out = path.join(work, 'out');
  fs.mkdirSync(disk);
  fs.mkdirSync(out);
  const shell = tmpfsShell(disk);
  if ('why' in shell) {
    t.skip(`needs a small real file system to fill: ${shell.why}`);
    return;
  }
  const config = path.join(work, 'full.gan.yaml');
  fs.writeFileSync(config, [
    'name: full', 'seed: 9',
    'data: { kind: ring, count: 300 }',
    'model: { kind: mlp, latentSize: 2, generator: { hidden: [8] }, discriminator: { hidden: [8] } }',
    'training: { batchSize: 16, steps: 100000 }',
    'logging: { every: 5, histogramEvery: 10 }',
    'samples: { every: 20 }',
    'checkpoints: { every: 20 }',
  ].join('\n') + '\n');
  await runScript(shell.command, { DISK: disk, OUT: out, CLI: cliBundle, CONFIG: config });
  const read = (name: string) => fs.existsSync(path.join(out, name)) ? fs.readFileSync(path.join(out, name), 'utf8') : `(no ${name})`;
  const context = ['train.out', 'train.err', 'df.txt', 'listing.txt', 'runs.out', 'resume.out', 'resume.err'].map((name) => `--- ${name}\n${read(name)}`).join('\n');

  const full = JSON.parse(read('run-when-full.json')) as RunInfo;
  const runDir = path.join(disk, 'runs', full.runId);
  assert.equal(read('train.code').trim(), '1', context);
  assert.match(read('train.err'), /no space left on device/i, context);
  assert.ok(read('train.err').includes(full.runId), `the message names the run\n${context}`);
  assert.ok(read('train.err').includes(`gan-studio train --resume ${runDir}`), `the message gives the resume command\n${context}`);
  assert.doesNotMatch(read('train.err'), /^\s+at /m, 'no stack trace');

  // Read while the disk was still full and the trainer had exited: the run says what happened itself.
  assert.equal(full.status, 'failed', context);
  assert.match(full.error ?? '', /no space left on device/i);
  assert.ok(full.endedAt, 'endedAt is set');
  assert.match(read('runs.out'), new RegExp(`${full.runId}\\s+failed`), context);
  assert.doesNotMatch(read('listing.txt'), /\.partial|\.tmp|train\.lock/, `no torn checkpoint, temp file or lock is left\n${context}`);

  assert.equal(read('resume.code').trim(), '0', context);
  const resumed = JSON.parse(read('run-resumed.json')) as RunInfo;
  assert.equal(resumed.status, 'completed', context);
  assert.equal(resumed.step, full.step + 30);
  assert.equal(resumed.error, undefined);
});
