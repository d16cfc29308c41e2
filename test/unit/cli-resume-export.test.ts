import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import type { GanConfig } from '../../src/core/config/schema';
import { buildModels } from '../../src/core/models';
import { decodePng } from '../../src/core/render/png';
import { isHistogramRecord, isMetricsRecord, type MetricsRecord } from '../../src/core/run/records';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { restoreGenerator } from '../../src/core/train/restore';
import { Random } from '../../src/core/util/random';
import { useTestBackend } from './support/backend';
import { fileHandler } from './support/layersModel';
import { cli, tinyYaml, work, writeConfig, readInfo, configFile, trainedRun, copyOfRun } from './support/cli';

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

test('train <config> --resume accepts a run whose config.json predates a setting now defaulted', async () => {
  const runDir = await copyOfRun('resume-older-format');
  // As an older GAN Studio wrote it: no logging.histogramBins yet, and a hash of the config without it.
  const file = path.join(runDir, 'config.json');
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { hash: string; config: { logging: Record<string, unknown> } };
  delete stored.config.logging['histogramBins'];
  stored.hash = '0123456789abcdef';
  fs.writeFileSync(file, JSON.stringify(stored));
  const result = await cli('train', configFile, '--resume', runDir, '--steps', '45');
  assert.equal(result.code, 0, result.all());
  assert.equal(readInfo(runDir).step, 45);
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

test('train --resume of a missing folder, or of a folder that is not a run, exits 2 saying which', async () => {
  const missing = await cli('train', '--resume', path.join(work, 'not-a-run'), '--steps', '10');
  assert.equal(missing.code, 2);
  assert.match(missing.err.join('\n'), /not-a-run does not exist/);
  const empty = path.join(work, 'empty-folder');
  fs.mkdirSync(empty, { recursive: true });
  const notARun = await cli('train', '--resume', empty, '--steps', '10');
  assert.equal(notARun.code, 2);
  assert.match(notARun.err.join('\n'), /empty-folder.run\.json does not exist/);
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

test('sample rejects a bad --out extension, a missing --out, truncation without a mapping network and a run without checkpoints', async () => {
  const runDir = await trainedRun();
  const badExtension = await cli('sample', runDir, '--out', path.join(work, 'x.txt'));
  assert.equal(badExtension.code, 2);
  assert.match(badExtension.err.join('\n'), /--out must end in \.png or \.json/);
  const truncated = await cli('sample', runDir, '--out', path.join(work, 'x.png'), '--truncation', '0.7');
  assert.equal(truncated.code, 2);
  assert.match(truncated.err.join('\n'), /--truncation needs a generator with a mapping network \(model\.kind: style\); .* is model\.kind mlp/);
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
    const z = new Random(11).fillNormal(new Float32Array(8 * restored.latent.noiseSize));
    const [fromExport, fromRun] = tf.tidy(() => {
      const input = tf.tensor(z, [8, restored.latent.noiseSize]);
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
        (initial.generator.apply(tf.tensor(z, [8, restored.latent.noiseSize]), { training: false }) as Tensor).dataSync() as Float32Array);
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
