import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { io, Tensor } from '@tensorflow/tfjs-core';
import { main } from '../../src/cli/main';
import type { CommandIO } from '../../src/cli/commands/io';
import { tf } from '../../src/core/backend/tf';
import type { GanConfig } from '../../src/core/config/schema';
import { buildModels } from '../../src/core/models';
import { decodePng } from '../../src/core/render/png';
import { isHistogramRecord, isMetricsRecord, type MetricsRecord, type RunInfo } from '../../src/core/run/records';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { restoreGenerator } from '../../src/core/train/restore';
import { Random } from '../../src/core/util/random';
import { useTestBackend } from './support/backend';
import { tempDir } from './support/training';

interface Captured {
  readonly io: CommandIO;
  readonly out: string[];
  readonly err: string[];
  /** stdout, stderr lines and raw progress writes, in one string. */
  all(): string;
}

function capture(): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const stderr = { isTTY: false, write: (chunk: string | Uint8Array) => { progress.push(String(chunk)); return true; } };
  return {
    io: { out: (line) => out.push(line), err: (line) => err.push(line), stderr: stderr as unknown as NodeJS.WriteStream },
    out, err,
    all: () => [...out, ...err, ...progress].join('\n'),
  };
}

async function cli(...argv: string[]): Promise<{ code: number } & Captured> {
  const captured = capture();
  const code = await main(argv, captured.io);
  return { code, ...captured };
}

const tinyYaml = (seed = 3) => `name: tiny
seed: ${seed}
data: { kind: ring, count: 500 }
model:
  kind: mlp
  latentSize: 4
  generator: { hidden: [16] }
  discriminator: { hidden: [16] }
training: { batchSize: 32, steps: 40 }
logging: { every: 5, histogramEvery: 10 }
samples: { every: 20, count: 64 }
checkpoints: { every: 20 }
`;

const work = tempDir('gan-studio-cli-');

function writeConfig(name: string, text: string): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, text);
  return file;
}

function readInfo(runDir: string): RunInfo {
  return JSON.parse(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8')) as RunInfo;
}

function runFolders(runsDir: string): string[] {
  return fs.existsSync(runsDir) ? fs.readdirSync(runsDir).map((name) => path.join(runsDir, name)) : [];
}

const configFile = writeConfig('tiny.gan.yaml', tinyYaml());
let sharedRun: Promise<string> | undefined;

/** One 40-step run trained through the CLI, shared by the tests that only read it. */
function trainedRun(): Promise<string> {
  sharedRun ??= (async () => {
    const runsDir = path.join(work, 'shared-runs');
    const result = await cli('train', configFile, '--steps', '40', '--runs-dir', runsDir);
    assert.equal(result.code, 0, result.all());
    const [runDir] = runFolders(runsDir);
    assert.ok(runDir, 'the run folder exists');
    return runDir;
  })();
  return sharedRun;
}

/** A private copy of the shared run, for tests that change it. */
async function copyOfRun(name: string): Promise<string> {
  const target = path.join(work, 'copies', name);
  fs.cpSync(await trainedRun(), target, { recursive: true });
  return target;
}

test('validate: a good config prints an ok line and exits 0', async () => {
  const result = await cli('validate', configFile);
  assert.equal(result.code, 0, result.all());
  assert.equal(result.out.length, 1);
  assert.match(result.out[0]!, /^ok\s+.*tiny\.gan\.yaml: tiny — ring data, mlp model/);
  assert.deepEqual(result.err, []);
});

test('validate: a bad config exits 2 naming the file, the field and the line, without a stack trace', async () => {
  const bad = writeConfig('bad-batch.gan.yaml', 'name: tiny\ndata: { kind: ring, count: 500 }\ntraining:\n  steps: 40\n  batchSize: 0\n');
  const result = await cli('validate', bad, configFile);
  assert.equal(result.code, 2);
  const message = result.err.join('\n');
  assert.match(message, /bad-batch\.gan\.yaml:5:\d+: training\.batchSize: /);
  assert.doesNotMatch(result.all(), /\n\s+at /);
  assert.doesNotMatch(message, /^\s+at /m);
  // The good file after it is still checked.
  assert.equal(result.out.length, 1);
  assert.match(result.out[0]!, /^ok\s+.*tiny\.gan\.yaml/);
});

test('validate without a file prints usage and exits 2', async () => {
  const result = await cli('validate');
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /usage: gan-studio validate/);
});

test('train writes a complete run folder', async () => {
  const runDir = await trainedRun();
  const info = readInfo(runDir);
  assert.equal(info.status, 'completed');
  assert.equal(info.step, 40);
  assert.equal(info.totalSteps, 40);
  assert.equal(info.backend?.backend, 'wasm');
  const attempts = info.backend?.attempts ?? [];
  assert.ok(attempts.length >= 1, 'backend attempts are recorded');
  assert.deepEqual(attempts.at(-1) && { backend: attempts.at(-1)!.backend, ok: attempts.at(-1)!.ok }, { backend: 'wasm', ok: true });
  for (const attempt of attempts.slice(0, -1)) assert.equal(attempt.ok, false, JSON.stringify(attempt));
  assert.ok(info.backend!.reason.length > 0);
  assert.deepEqual(info.lastCheckpoint, { step: 40, path: path.join('checkpoints', 'step-40') });

  const stored = JSON.parse(fs.readFileSync(path.join(runDir, 'config.json'), 'utf8')) as { hash: string; config: { name: string } };
  assert.equal(stored.config.name, 'tiny');
  assert.equal(stored.hash, info.configHash);

  const metrics = await readJsonLines(path.join(runDir, 'metrics.jsonl'), isMetricsRecord);
  assert.deepEqual(metrics.map((record) => record.step), [5, 10, 15, 20, 25, 30, 35, 40]);
  for (const record of metrics) assert.ok(Number.isFinite(record.dLoss) && Number.isFinite(record.gLoss));
  const histograms = await readJsonLines(path.join(runDir, 'histograms.jsonl'), isHistogramRecord);
  assert.deepEqual(histograms.map((record) => record.step), [0, 10, 20, 30, 40]);

  for (const file of ['samples/step-0.png', 'samples/step-40.png', 'samples/latest.png']) {
    const png = decodePng(fs.readFileSync(path.join(runDir, file)));
    assert.ok(png.width > 0 && png.height > 0, file);
  }
  assert.deepEqual(fs.readFileSync(path.join(runDir, 'samples/latest.png')), fs.readFileSync(path.join(runDir, 'samples/step-40.png')));
  const manifest = JSON.parse(fs.readFileSync(path.join(runDir, 'checkpoints/step-40/manifest.json'), 'utf8')) as { step: number };
  assert.equal(manifest.step, 40);
});

test('train prints where the run goes and that it completed', async () => {
  const runsDir = path.join(work, 'printed-runs');
  const result = await cli('train', configFile, '--steps', '10', '--runs-dir', runsDir);
  assert.equal(result.code, 0, result.all());
  const stdout = result.out.join('\n');
  assert.match(stdout, /^Training tiny-\S+ from step 0 to 10$/m);
  assert.match(stdout, /run folder: /);
  assert.match(stdout, /Completed step 10\/10/);
  assert.equal(readInfo(runFolders(runsDir)[0]!).step, 10);
});

test('train with a missing config exits 2 with a clear message and creates no run', async () => {
  const runsDir = path.join(work, 'missing-runs');
  const missing = path.join(work, 'no-such.gan.yaml');
  const result = await cli('train', missing, '--runs-dir', runsDir);
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /cannot read config file .*no-such\.gan\.yaml/);
  assert.deepEqual(runFolders(runsDir), []);
});

test('train without a config or --resume exits 2', async () => {
  const result = await cli('train');
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /needs a config file or --resume/);
});

test('train with an unknown option exits 2 and lists the options', async () => {
  const result = await cli('train', configFile, '--stepz', '10');
  assert.equal(result.code, 2);
  const message = result.err.join('\n');
  assert.match(message, /unknown option --stepz/);
  for (const option of ['--steps', '--resume', '--backend', '--runs-dir']) assert.ok(message.includes(option), `${option} in: ${message}`);
});

test('train --steps must be a positive integer', async () => {
  const result = await cli('train', configFile, '--steps', '0', '--runs-dir', path.join(work, 'steps-zero'));
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /--steps must be an integer/);
});

test('train --backend gpu is rejected as an unknown backend (exit 2)', async () => {
  const runsDir = path.join(work, 'gpu-runs');
  const result = await cli('train', configFile, '--backend', 'gpu', '--runs-dir', runsDir);
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /--backend must be one of auto, tensorflow-gpu, tensorflow, wasm, cpu; found 'gpu'/);
  assert.deepEqual(runFolders(runsDir), []);
});

const tfjsNodeInstalled = (() => {
  try {
    createRequire(__filename).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

test('train --backend tensorflow without tfjs-node exits 2 saying it is not installed', { skip: tfjsNodeInstalled && 'tfjs-node is installed here' }, async () => {
  const runsDir = path.join(work, 'native-runs');
  const result = await cli('train', configFile, '--backend', 'tensorflow', '--runs-dir', runsDir);
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /@tensorflow\/tfjs-node is not installed/);
  assert.deepEqual(runFolders(runsDir), [], 'no run folder for a run that never started');
});

test('runs lists runs with their status; an empty or missing folder says there are none', async () => {
  const runDir = await trainedRun();
  const listed = await cli('runs', '--runs-dir', path.dirname(runDir));
  assert.equal(listed.code, 0, listed.all());
  assert.match(listed.out[0]!, /^RUN\s+STATUS\s+STEP/);
  const row = listed.out.find((line) => line.startsWith(path.basename(runDir)));
  assert.ok(row, listed.out.join('\n'));
  assert.match(row, /\scompleted\s+40\/40\s/);
  assert.ok(row.includes(runDir));

  const emptyDir = path.join(work, 'empty-runs');
  fs.mkdirSync(emptyDir);
  const empty = await cli('runs', '--runs-dir', emptyDir);
  assert.equal(empty.code, 0);
  assert.deepEqual(empty.out, [`No runs in ${emptyDir}.`]);
  const missing = await cli('runs', '--runs-dir', path.join(work, 'never-created'));
  assert.equal(missing.code, 0);
  assert.match(missing.out.join('\n'), /^No runs in /);
});

test('train --resume continues from the last checkpoint to the new step count', async () => {
  const runDir = await copyOfRun('resume');
  const before = await readJsonLines(path.join(runDir, 'metrics.jsonl'), isMetricsRecord);
  const result = await cli('train', '--resume', runDir, '--steps', '60');
  assert.equal(result.code, 0, result.all());
  assert.match(result.out.join('\n'), /^Resuming \S+ from step 40 to 60$/m);
  const info = readInfo(runDir);
  assert.equal(info.status, 'completed');
  assert.equal(info.step, 60);
  assert.equal(info.totalSteps, 60);
  assert.equal(info.lastCheckpoint?.step, 60);
  assert.ok(fs.existsSync(path.join(runDir, 'checkpoints/step-60/manifest.json')));

  const metrics: MetricsRecord[] = await readJsonLines(path.join(runDir, 'metrics.jsonl'), isMetricsRecord);
  const steps = metrics.map((record) => record.step);
  assert.deepEqual(steps, [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
  // History up to the checkpoint is kept as it was.
  assert.deepEqual(metrics.slice(0, before.length), before);
  const histogramSteps = (await readJsonLines(path.join(runDir, 'histograms.jsonl'), isHistogramRecord)).map((record) => record.step);
  assert.deepEqual(histogramSteps, [0, 10, 20, 30, 40, 50, 60]);
});

test('train --resume from an older checkpoint drops the history past it: no duplicate metrics', async () => {
  const runDir = await copyOfRun('resume-older');
  // As if the trainer died after logging step 40 but before its checkpoint landed.
  fs.rmSync(path.join(runDir, 'checkpoints', 'step-40'), { recursive: true });
  const result = await cli('train', '--resume', runDir, '--steps', '60');
  assert.equal(result.code, 0, result.all());
  assert.match(result.out.join('\n'), /^Resuming \S+ from step 20 to 60$/m);
  assert.equal(readInfo(runDir).step, 60);
  const steps = (await readJsonLines(path.join(runDir, 'metrics.jsonl'), isMetricsRecord)).map((record) => record.step);
  assert.deepEqual(steps, [5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
  const histogramSteps = (await readJsonLines(path.join(runDir, 'histograms.jsonl'), isHistogramRecord)).map((record) => record.step);
  assert.deepEqual(histogramSteps, [0, 10, 20, 30, 40, 50, 60]);
});

test('train --resume of a completed run without a larger --steps exits 2 and says to pass --steps', async () => {
  const runDir = await copyOfRun('resume-no-steps');
  const before = fs.readFileSync(path.join(runDir, 'run.json'), 'utf8');
  const result = await cli('train', '--resume', runDir);
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /already at step 40; pass --steps above 40/);
  const same = await cli('train', '--resume', runDir, '--steps', '40');
  assert.equal(same.code, 2);
  assert.equal(fs.readFileSync(path.join(runDir, 'run.json'), 'utf8'), before, 'run.json untouched');
});

test('train <changed config> --resume exits 2 because the config changed', async () => {
  const runDir = await copyOfRun('resume-changed');
  const changed = writeConfig('changed.gan.yaml', tinyYaml(4));
  const result = await cli('train', changed, '--resume', runDir, '--steps', '60');
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /changed\.gan\.yaml has changed since/);
  assert.equal(readInfo(runDir).step, 40);
  // The unchanged config is accepted.
  const same = await cli('train', configFile, '--resume', runDir, '--steps', '45');
  assert.equal(same.code, 0, same.all());
  assert.equal(readInfo(runDir).step, 45);
});

test('train --resume of a folder that is not a run exits 2', async () => {
  const result = await cli('train', '--resume', path.join(work, 'not-a-run'), '--steps', '10');
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /run\.json does not exist/);
});

test('sample writes a PNG that decodes, and JSON points that a seed reproduces', async () => {
  const runDir = await trainedRun();
  const png = path.join(work, 'sampled', 'x.png');
  const drawn = await cli('sample', runDir, '--count', '16', '--out', png);
  assert.equal(drawn.code, 0, drawn.all());
  const image = decodePng(fs.readFileSync(png));
  assert.ok(image.width > 0 && image.height > 0);
  assert.equal(image.data.length, image.width * image.height * 4);

  const draw = async (name: string, seed: string) => {
    const out = path.join(work, 'sampled', name);
    const result = await cli('sample', runDir, '--count', '16', '--seed', seed, '--out', out);
    assert.equal(result.code, 0, result.all());
    return fs.readFileSync(out, 'utf8');
  };
  const first = await draw('a.json', '7');
  const parsed = JSON.parse(first) as { step: number; seed: number; shape: number[]; samples: number[][] };
  assert.equal(parsed.step, 40);
  assert.equal(parsed.seed, 7);
  assert.deepEqual(parsed.shape, [16, 2]);
  assert.equal(parsed.samples.length, 16);
  for (const point of parsed.samples) {
    assert.equal(point.length, 2);
    assert.ok(point.every(Number.isFinite));
  }
  assert.equal(await draw('b.json', '7'), first, 'the same seed draws the same samples');
  assert.notEqual(await draw('c.json', '8'), first, 'another seed draws other samples');
});

test('sample rejects a bad --out extension, a missing --out and a run without checkpoints', async () => {
  const runDir = await trainedRun();
  const badExtension = await cli('sample', runDir, '--out', path.join(work, 'x.txt'));
  assert.equal(badExtension.code, 2);
  assert.match(badExtension.err.join('\n'), /--out must end in \.png or \.json/);
  assert.equal(fs.existsSync(path.join(work, 'x.txt')), false);
  const noOut = await cli('sample', runDir);
  assert.equal(noOut.code, 2);
  const badCount = await cli('sample', runDir, '--count', '0', '--out', path.join(work, 'y.json'));
  assert.equal(badCount.code, 2);

  const bare = path.join(work, 'bare-run');
  fs.mkdirSync(bare);
  fs.copyFileSync(path.join(runDir, 'config.json'), path.join(bare, 'config.json'));
  const noCheckpoint = await cli('sample', bare, '--out', path.join(work, 'z.json'));
  assert.equal(noCheckpoint.code, 2);
  assert.match(noCheckpoint.err.join('\n'), /has no checkpoint yet/);
});

/** An IOHandler that reads an exported model.json + weights.bin from disk. */
function fileHandler(dir: string): io.IOHandler {
  return {
    load: async () => {
      const model = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8')) as {
        modelTopology: object; weightsManifest: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
      };
      const group = model.weightsManifest[0]!;
      assert.deepEqual(group.paths, ['weights.bin']);
      const bytes = fs.readFileSync(path.join(dir, group.paths[0]!));
      return {
        modelTopology: model.modelTopology,
        weightSpecs: group.weights,
        weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      };
    },
  };
}

test('export writes a LayersModel that loads and matches the run\'s generator', async () => {
  const runDir = await trainedRun();
  const outDir = path.join(work, 'exported');
  const result = await cli('export', runDir, '--out', outDir);
  assert.equal(result.code, 0, result.all());
  for (const file of ['model.json', 'weights.bin', 'gan-studio.json']) assert.ok(fs.existsSync(path.join(outDir, file)), file);
  const info = JSON.parse(fs.readFileSync(path.join(outDir, 'gan-studio.json'), 'utf8')) as {
    step: number; input: { shape: (number | null)[] }; output: { shape: (number | null)[]; kind: string };
  };
  assert.equal(info.step, 40);
  assert.deepEqual(info.input.shape, [null, 4]);
  assert.deepEqual(info.output.shape, [null, 2]);
  assert.equal(info.output.kind, 'points');

  await useTestBackend();
  const loaded = await tf.loadLayersModel(fileHandler(outDir));
  const restored = await restoreGenerator(runDir);
  try {
    const z = new Random(11).fillNormal(new Float32Array(8 * restored.latentSize));
    const [fromExport, fromRun] = tf.tidy(() => {
      const input = tf.tensor(z, [8, restored.latentSize]);
      return [
        (loaded.predict(input) as Tensor).dataSync() as Float32Array,
        (restored.generator.apply(input, { training: false }) as Tensor).dataSync() as Float32Array,
      ];
    });
    assert.equal(fromExport.length, 16);
    assert.equal(fromRun.length, 16);
    for (let i = 0; i < fromRun.length; i++) {
      assert.ok(Math.abs(fromExport[i]! - fromRun[i]!) <= 1e-5, `output ${i}: exported ${fromExport[i]}, run ${fromRun[i]}`);
    }
    // Not trivially equal because both are constant: the output depends on z.
    assert.notEqual(fromRun[0], fromRun[2]);
    // The trained weights, not the initial ones, went into the export.
    const stored = JSON.parse(fs.readFileSync(path.join(runDir, 'config.json'), 'utf8')) as { config: GanConfig };
    const initial = buildModels(stored.config.model, restored.dataset, stored.config.seed);
    try {
      const fromInitial = tf.tidy(() =>
        (initial.generator.apply(tf.tensor(z, [8, restored.latentSize]), { training: false }) as Tensor).dataSync() as Float32Array);
      const largest = Math.max(...fromInitial.map((value, i) => Math.abs(value - fromExport[i]!)));
      assert.ok(largest > 1e-3, `the export differs from an untrained generator (largest difference ${largest})`);
    } finally {
      initial.dispose();
    }
  } finally {
    restored.dispose();
    loaded.dispose();
  }
});

test('export without --out exits 2', async () => {
  const result = await cli('export', await trainedRun());
  assert.equal(result.code, 2);
  assert.match(result.err.join('\n'), /usage: gan-studio export/);
});

test('--help lists every command; unknown commands exit 2', async () => {
  const help = await cli('--help');
  assert.equal(help.code, 0);
  const text = help.out.join('\n');
  for (const command of ['train', 'validate', 'runs', 'sample', 'export']) {
    assert.match(text, new RegExp(`^  ${command}\\s+\\S`, 'm'), `${command} in help`);
    assert.ok(text.includes(`usage: gan-studio ${command}`), `usage of ${command}`);
  }
  const commandHelp = await cli('train', '--help');
  assert.equal(commandHelp.code, 0);
  assert.match(commandHelp.out.join('\n'), /^usage: gan-studio train/);

  const none = await cli();
  assert.equal(none.code, 2, 'no command at all is bad input');
  assert.match(none.err.join('\n'), /Commands:/, 'help for a missing command goes to stderr');

  const unknown = await cli('trian', configFile);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err.join('\n'), /unknown command 'trian' \(commands: train, validate, runs, sample, export\)/);
});
