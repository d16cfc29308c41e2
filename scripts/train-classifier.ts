// Trains the small MNIST classifier GAN Studio ships in media/classifier/ (model.json, weights.bin,
// metrics.json) and uses to evaluate generated digits (FID features, label and code accuracy).
//   node --import tsx scripts/train-classifier.ts [--epochs N] [--out DIR]
// It trains on the embedded digits minus the held-out split of src/core/eval/digitSplit.ts, then
// reloads what it wrote through loadDigitClassifier and reports accuracy on the held-out split.
// Deterministic for a given seed on a given backend (wasm, like the tests): initial weights are
// seeded per layer and the shuffling and augmentation draw from src/core/util/random.ts.
import * as path from 'node:path';
import type { Optimizer, Scalar, Tensor } from '@tensorflow/tfjs-core';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { initBackend } from '../src/core/backend/init';
import { tf } from '../src/core/backend/tf';
import { loadMnist } from '../src/core/data/mnist';
import { gather, gatherLabels } from '../src/core/data/sampler';
import { DIGIT_SIDE, FEATURE_LAYER, classifierDirectory, digitClassifierFromModel, loadDigitClassifier } from '../src/core/eval/digitClassifier';
import { labelAccuracy } from '../src/core/eval/digitMetrics';
import { HELD_OUT_EVERY, classifierSplit } from '../src/core/eval/digitSplit';
import { writeLayersModel } from '../src/core/run/layersModelFiles';
import { writeJsonAtomic } from '../src/core/run/atomicFile';
import { Random } from '../src/core/util/random';

/** Every training choice, recorded in metrics.json. */
const SETTINGS = {
  seed: 20240607,
  backend: 'wasm',
  epochs: 16,
  batchSize: 64,
  optimizer: 'adam',
  learningRate: 1e-3,
  /** The last epochs run at learningRate × this with a fresh Adam: a cheap step decay. */
  finalEpochs: 2,
  finalLearningRateFactor: 0.1,
  /** Random translation of each training image by up to this many pixels per axis. */
  maxShift: 2,
  architecture: 'conv5x5(16)-relu-maxpool2 · conv5x5(32)-relu-maxpool2 · dense(64)-relu [features] · dense(10) logits',
} as const;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function buildClassifier(random: Random): LayersModel {
  const kernel = () => tf.initializers.glorotUniform({ seed: random.uint32() });
  const input = tf.input({ shape: [DIGIT_SIDE, DIGIT_SIDE, 1] });
  const layers = [
    tf.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'relu', kernelInitializer: kernel() }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.conv2d({ filters: 32, kernelSize: 5, activation: 'relu', kernelInitializer: kernel() }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: kernel(), name: FEATURE_LAYER }),
    tf.layers.dense({ units: 10, kernelInitializer: kernel(), name: 'logits' }),
  ];
  const output = layers.reduce((x, layer) => layer.apply(x) as SymbolicTensor, input);
  return tf.model({ inputs: input, outputs: output });
}

/** Shifts each 28×28 image by up to ±maxShift pixels, filling with the background value −1. */
function translate(images: Float32Array, random: Random, maxShift: number): Float32Array {
  const pixels = DIGIT_SIDE * DIGIT_SIDE;
  const out = new Float32Array(images.length).fill(-1);
  for (let image = 0; image * pixels < images.length; image++) {
    const dx = random.int(2 * maxShift + 1) - maxShift;
    const dy = random.int(2 * maxShift + 1) - maxShift;
    for (let y = Math.max(0, dy); y < Math.min(DIGIT_SIDE, DIGIT_SIDE + dy); y++) {
      const from = image * pixels + (y - dy) * DIGIT_SIDE;
      const to = image * pixels + y * DIGIT_SIDE;
      for (let x = Math.max(0, dx); x < Math.min(DIGIT_SIDE, DIGIT_SIDE + dx); x++) out[to + x] = images[from + x - dx]!;
    }
  }
  return out;
}

async function trainEpoch(model: LayersModel, optimizer: Optimizer, batches: { images: Float32Array; labels: Int32Array }[]): Promise<number> {
  let lossSum = 0;
  for (const { images, labels } of batches) {
    const loss = tf.tidy(() => {
      const x = tf.tensor4d(images, [labels.length, DIGIT_SIDE, DIGIT_SIDE, 1]);
      const target = tf.oneHot(tf.tensor1d(labels, 'int32'), 10);
      return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(target, model.apply(x, { training: true }) as Tensor) as Scalar, true)!;
    });
    lossSum += (await loss.data())[0]! * labels.length;
    loss.dispose();
  }
  return lossSum / batches.reduce((n, batch) => n + batch.labels.length, 0);
}

async function main(): Promise<void> {
  const epochs = Number(option('epochs') ?? SETTINGS.epochs);
  const outDir = path.resolve(option('out') ?? classifierDirectory());
  const backend = await initBackend(SETTINGS.backend);
  const data = await loadMnist({ kind: 'mnist' });
  const split = classifierSplit(data.labels!);
  const heldOutImages = gather(data, split.heldOut);
  const heldOutLabels = gatherLabels(data, split.heldOut);
  const random = new Random(SETTINGS.seed);
  const model = buildClassifier(random);
  console.log(`train-classifier: ${split.train.length} training / ${split.heldOut.length} held-out digits on ${backend.backend}; ` +
    `${model.countParams()} parameters`);

  // A view on the model as it trains, for the per-epoch figure; disposing `model` frees it.
  const progress = digitClassifierFromModel(model);
  const started = performance.now();
  let optimizer = tf.train.adam(SETTINGS.learningRate);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (epoch === epochs - SETTINGS.finalEpochs + 1) {
      optimizer.dispose();
      optimizer = tf.train.adam(SETTINGS.learningRate * SETTINGS.finalLearningRateFactor);
    }
    const order = random.permutation(split.train.length);
    const batches = [];
    for (let start = 0; start < order.length; start += SETTINGS.batchSize) {
      const indices = Array.from(order.subarray(start, start + SETTINGS.batchSize), (k) => split.train[k]!);
      batches.push({ images: translate(gather(data, indices), random, SETTINGS.maxShift), labels: gatherLabels(data, indices) });
    }
    const loss = await trainEpoch(model, optimizer, batches);
    const accuracy = labelAccuracy(await progress.predict(heldOutImages), heldOutLabels);
    console.log(`epoch ${epoch}/${epochs}: loss ${loss.toFixed(4)}, held-out accuracy ${(100 * accuracy).toFixed(2)}%, ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const trainingSeconds = (performance.now() - started) / 1000;
  optimizer.dispose();
  const weightBytes = await writeLayersModel(model, outDir);
  const parameters = model.countParams();
  model.dispose();

  // Measured on what was written, through the loader the engine uses.
  const classifier = await loadDigitClassifier(outDir);
  const heldOutAccuracy = labelAccuracy(await classifier.predict(heldOutImages), heldOutLabels);
  classifier.dispose();
  const correct = Math.round(heldOutAccuracy * heldOutLabels.length);
  await writeJsonAtomic(path.join(outDir, 'metrics.json'), {
    heldOutAccuracy, heldOutCorrect: correct, heldOutCount: heldOutLabels.length, trainCount: split.train.length,
    split: `embedded MNIST digits (media/generated/mnist-digits.bin.gz); held out: every ${HELD_OUT_EVERY}th example of each digit in file order (src/core/eval/digitSplit.ts)`,
    settings: { ...SETTINGS, epochs }, parameters, weightBytes, trainingSeconds: Math.round(trainingSeconds),
    tfjs: tf.version_core,
  });
  console.log(`held-out accuracy ${(100 * heldOutAccuracy).toFixed(2)}% (${correct}/${heldOutLabels.length}); ` +
    `trained in ${trainingSeconds.toFixed(0)} s; ${parameters} parameters, ${(weightBytes / 1024).toFixed(0)} KiB of weights in ${outDir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
