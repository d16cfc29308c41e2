import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from '../../src/core/backend/tf';
import type { GanConfigInput } from '../../src/core/config/schema';
import type { Dataset } from '../../src/core/data/dataset';
import { loadDataset } from '../../src/core/data/load';
import { encodePng } from '../../src/core/render/png';
import { conditionedDataset } from '../../src/core/train/classLabels';
import { generateFrom } from '../../src/core/train/evaluation';
import { drawLatents, drawMismatchedClasses, presentClasses } from '../../src/core/models/latentDraws';
import { restoreGenerator } from '../../src/core/train/restore';
import { sampleGrid } from '../../src/core/train/sampleGrid';
import { TrainingSession } from '../../src/core/train/session';
import { Random } from '../../src/core/util/random';
import { useTestBackend } from './support/backend';
import { resolvedConfig, tempDir, train } from './support/training';

/** Per class, the mean of its real examples: the referee that says which class a sample looks like. */
function classMeans(dataset: Dataset, classes: readonly number[]): Float64Array[] {
  const size = dataset.values.length / dataset.count;
  return classes.map((label) => {
    const sum = new Float64Array(size);
    let members = 0;
    for (let i = 0; i < dataset.count; i++) {
      if (dataset.labels![i] !== label) continue;
      members++;
      for (let p = 0; p < size; p++) sum[p]! += dataset.values[i * size + p]!;
    }
    return sum.map((value) => value / members);
  });
}

/** Each example shifted and scaled to mean 0, norm 1: nearness then ranks by correlation, blind to brightness. */
function standardised(values: ArrayLike<number>, size: number): Float64Array {
  const out = Float64Array.from(values);
  for (let start = 0; start < out.length; start += size) {
    const row = out.subarray(start, start + size);
    const mean = row.reduce((a, b) => a + b, 0) / size;
    row.forEach((value, p) => { row[p] = value - mean; });
    const norm = Math.hypot(...row) || 1;
    row.forEach((value, p) => { row[p] = value / norm; });
  }
  return out;
}

/**
 * Share of samples whose nearest class mean is the class they were generated for. Images are
 * compared by correlation: a short run's samples still carry background noise, which plain
 * distance would read as belonging to whichever class mean has the most background.
 */
function nearestMeanAccuracy(samples: Float32Array, labels: readonly number[], means: readonly Float64Array[], classes: readonly number[]): number {
  const size = means[0]!.length;
  const compare = (values: ArrayLike<number>) => (size > 2 ? standardised(values, size) : Float64Array.from(values));
  const [points, centres] = [compare(samples), means.map(compare)];
  let right = 0;
  labels.forEach((label, i) => {
    let nearest = -1;
    let best = Infinity;
    centres.forEach((centre, k) => {
      let distance = 0;
      for (let p = 0; p < size; p++) distance += (points[i * size + p]! - centre[p]!) ** 2;
      if (distance < best) { best = distance; nearest = classes[k]!; }
    });
    if (nearest === label) right++;
  });
  return right / labels.length;
}

/** Trains `input`, then measures how often samples conditioned on class k look like class k, before and after. */
async function labelAccuracy(input: GanConfigInput, perClass: number): Promise<{ before: number; after: number }> {
  await useTestBackend();
  const { config, hash } = resolvedConfig(input);
  const dataset = conditionedDataset(config, await loadDataset(config.data, { baseDir: '.', seed: config.seed }));
  const classes = presentClasses(dataset);
  const means = classMeans(dataset, classes);
  const labels = classes.flatMap((label) => new Array<number>(perClass).fill(label));
  const measure = async (runDir: string) => {
    const restored = await restoreGenerator(runDir);
    const samples = await generateFrom(restored.generator, drawLatents(new Random(5), restored.latent, labels.length, labels));
    restored.dispose();
    return nearestMeanAccuracy(samples, labels, means, classes);
  };
  const runsDir = tempDir();
  const untrained = await train({ runsDir, config: { config, hash }, steps: 1 });
  const trained = await train({ runsDir, config: { config, hash } });
  assert.equal(trained.info.status, 'completed');
  return { before: await measure(untrained.runDir), after: await measure(trained.runDir) };
}

test('a conditional GAN on an 8-mode ring puts each label\'s samples on that label\'s mode', async () => {
  const { before, after } = await labelAccuracy({
    name: 'cgan-ring', seed: 2,
    data: { kind: 'ring', modes: 8, sigma: 0.05, count: 2000 },
    model: { kind: 'mlp', latentSize: 4, generator: { hidden: [64, 64] }, discriminator: { hidden: [64, 64] }, conditional: { embeddingSize: 8 } },
    training: { steps: 250, batchSize: 64, generatorOptimizer: { kind: 'adam', learningRate: 0.003 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.003 } },
    logging: { every: 50, histogramEvery: 250 }, samples: { every: 250 }, checkpoints: { every: 250 },
  }, 64);
  // Chance is 1/8: nearest-mode agreement far above it, and far above the untrained generator's.
  assert.ok(after >= 0.8, `label accuracy after training ${after}`);
  assert.ok(after > before + 0.4, `before ${before}, after ${after}`);
});

test('a conditional GAN on MNIST 0s and 1s draws the digit it is asked for', async () => {
  const { before, after } = await labelAccuracy({
    name: 'cgan-digits', seed: 3,
    data: { kind: 'mnist', digits: [0, 1], limit: 1000 },
    model: { kind: 'mlp', latentSize: 8, generator: { hidden: [64] }, discriminator: { hidden: [64] }, conditional: {} },
    training: { steps: 150, batchSize: 32, generatorOptimizer: { kind: 'adam', learningRate: 0.002 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.002 } },
    logging: { every: 50, histogramEvery: 150 }, samples: { every: 150, count: 8 }, checkpoints: { every: 150 },
  }, 32);
  assert.ok(after >= 0.9, `label accuracy after training ${after}`);
  assert.ok(after > before, `before ${before}, after ${after}`);
});

test('class grids: one row per class in the data, the same noise down each column', () => {
  const spec = { noiseSize: 3, classes: { names: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] } };
  const dataset = { kind: 'images' as const, labels: Int32Array.from([3, 7, 3, 9]) };
  const { latents, columns } = sampleGrid(spec, new Random(1), 16, dataset);
  assert.equal(columns, 5);
  assert.equal(latents.count, 15);
  const rowClass = (i: number) => latents.labels!.subarray(i * 10, i * 10 + 10).indexOf(1);
  assert.deepEqual(Array.from({ length: 15 }, (_, i) => rowClass(i)), [3, 3, 3, 3, 3, 7, 7, 7, 7, 7, 9, 9, 9, 9, 9]);
  const z = (i: number) => Array.from(latents.z.subarray(i * 3, i * 3 + 3));
  assert.deepEqual(z(6), z(1), 'column 1 has one z');
  assert.deepEqual(z(11), z(1));
  assert.notDeepEqual(z(2), z(1), 'columns differ');
});

test('mismatched labels for the matching-aware D are always another class of the data, each equally often', () => {
  const classes = [1, 4, 7];
  const truth = Int32Array.from({ length: 600 }, (_, i) => classes[i % 3]!);
  const wrong = drawMismatchedClasses(new Random(2), truth, classes);
  assert.ok(wrong.every((label, i) => label !== truth[i] && classes.includes(label)), 'a wrong label is never the true one');
  const ofFours = [1, 7].map((label) => wrong.filter((w, i) => truth[i] === 4 && w === label).length);
  assert.ok(ofFours.every((n) => n > 70 && n < 130), `wrong labels of the 4s: ${ofFours.join(', ')}`);
});

test('conditioning on an image folder without class subfolders fails at start, naming the file and field', async () => {
  await useTestBackend();
  const folder = tempDir();
  const images = path.join(folder, 'faces');
  fs.mkdirSync(images);
  const pixels = { width: 4, height: 4, data: new Uint8Array(64).fill(200) };
  for (const name of ['a.png', 'b.png']) fs.writeFileSync(path.join(images, name), encodePng(pixels));
  const configFile = path.join(folder, 'faces.gan.yaml');
  const { config, hash } = resolvedConfig({ name: 'faces', data: { kind: 'folder', path: images, size: 4, channels: 1 }, model: { kind: 'mlp', conditional: {} } });
  const before = tf.memory().numTensors;
  await assert.rejects(TrainingSession.create({ runsDir: tempDir(), config: { config, hash, file: configFile } }), (error: Error) => {
    assert.equal(error.name, 'UserError');
    assert.match(error.message, new RegExp(`^${configFile}: model\\.conditional: needs class labels, but image folder .* has none; put each class's images in a subfolder named after it, or remove model\\.conditional$`));
    return true;
  });
  assert.equal(tf.memory().numTensors, before);
});

test('the tensor count stays constant across conditional steps, with projection, minibatch discrimination, R1 and the 2D field', async () => {
  await useTestBackend();
  const counts: number[] = [];
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({
    name: 'cgan-memory', seed: 4, data: { kind: 'grid', size: 3, count: 400 },
    model: { kind: 'mlp', latentSize: 3, generator: { hidden: [16], batchNorm: true }, discriminator: { hidden: [16], minibatchDiscrimination: { kernels: 4, dims: 3 } }, conditional: {} },
    regularizers: { r1: { gamma: 1 }, instanceNoise: { sigma: 0.1 } },
    training: { steps: 24, batchSize: 16, dSteps: 2 },
    logging: { every: 3, histogramEvery: 4 }, samples: { every: 5 }, checkpoints: { every: 7 },
  }) }, (event) => {
    if (event.type === 'progress') counts.push(tf.memory().numTensors);
  });
  assert.equal(run.info.status, 'completed');
  assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts per step: ${counts.join(', ')}`);
  assert.ok(fs.existsSync(path.join(run.runDir, 'field.jsonl')));
});
