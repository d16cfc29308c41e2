import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../src/core/data/load';
import type { Dataset } from '../../src/core/data/dataset';
import type { GanConfigInput } from '../../src/core/config/schema';
import { modeCoverage } from '../../src/core/eval/modeCoverage';
import { buildModels } from '../../src/core/models';
import { generateFromNoise } from '../../src/core/train/evaluation';
import { restoreGenerator } from '../../src/core/train/restore';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { Random } from '../../src/core/util/random';
import { useTestBackend } from './support/backend';
import { resolvedConfig, tempDir, train } from './support/training';

function generate(generator: LayersModel, latentSize: number, count: number, seed: number): Promise<Float32Array> {
  const noise = new Random(seed).fillNormal(new Float32Array(count * latentSize));
  return generateFromNoise(generator, noise, latentSize);
}

/**
 * Measures samples of the untrained generator (same seed, same initial weights), trains the config
 * to the end, and measures samples of the trained one from the same noise.
 */
async function beforeAndAfter<T>(input: GanConfigInput, count: number, measure: (samples: Float32Array, dataset: Dataset) => T) {
  await useTestBackend();
  const { config, hash } = resolvedConfig(input);
  const dataset = await loadDataset(config.data, { baseDir: '.', seed: config.seed });
  const initial = buildModels(config.model, dataset, config.seed);
  const before = measure(await generate(initial.generator, initial.latent.noiseSize, count, 9), dataset);
  initial.dispose();
  const run = await train({ runsDir: tempDir(), config: { config, hash } });
  assert.equal(run.info.status, 'completed');
  const restored = await restoreGenerator(run.runDir);
  const after = measure(await generate(restored.generator, restored.latent.noiseSize, count, 9), dataset);
  restored.dispose();
  return { before, after };
}

test('a short run on an 8-Gaussian ring learns: modes covered and sample quality rise', async () => {
  const { before, after: afterTraining } = await beforeAndAfter({
    name: 'ring-learns', seed: 1,
    data: { kind: 'ring', modes: 8, sigma: 0.05, count: 4000 },
    model: { kind: 'mlp', latentSize: 8, generator: { hidden: [64, 64] }, discriminator: { hidden: [64, 64] } },
    training: {
      steps: 800, batchSize: 128,
      generatorOptimizer: { kind: 'adam', learningRate: 0.002 },
      discriminatorOptimizer: { kind: 'adam', learningRate: 0.002 },
    },
    logging: { every: 50 }, samples: { every: 400 }, checkpoints: { every: 400 },
  }, 2500, (samples, dataset) => modeCoverage(samples, dataset.mixture!));

  assert.ok(afterTraining.modesCovered >= 6, `modes covered after training: ${afterTraining.modesCovered}/8`);
  assert.ok(afterTraining.modesCovered > before.modesCovered, `before ${before.modesCovered}, after ${afterTraining.modesCovered}`);
  // 800 steps put samples on the ring; concentrating them within 3σ of each mode takes thousands.
  assert.ok(afterTraining.highQualityShare > Math.max(0.08, 10 * before.highQualityShare),
    `high-quality share before ${before.highQualityShare}, after ${afterTraining.highQualityShare}`);
  assert.ok(afterTraining.meanDistanceInSigmas < before.meanDistanceInSigmas / 2,
    `mean distance to nearest mode before ${before.meanDistanceInSigmas.toFixed(1)}σ, after ${afterTraining.meanDistanceInSigmas.toFixed(1)}σ`);
});

/** Mean distance from each generated image to its nearest real image. */
function nearestRealDistance(samples: Float32Array, dataset: Dataset, reals: number): number {
  const size = 28 * 28;
  let total = 0;
  const count = samples.length / size;
  for (let i = 0; i < count; i++) {
    let best = Infinity;
    for (let j = 0; j < reals; j++) {
      let sum = 0;
      for (let p = 0; p < size; p++) {
        const diff = samples[i * size + p]! - dataset.values[j * size + p]!;
        sum += diff * diff;
      }
      best = Math.min(best, sum);
    }
    total += Math.sqrt(best);
  }
  return total / count;
}

test('a short MNIST run moves its samples toward real digits', async () => {
  const { before, after } = await beforeAndAfter({
    name: 'mnist-moves', seed: 3,
    data: { kind: 'mnist', limit: 2000 },
    model: { kind: 'mlp', latentSize: 32, generator: { hidden: [128] }, discriminator: { hidden: [128] } },
    training: {
      steps: 150, batchSize: 64,
      generatorOptimizer: { kind: 'adam', learningRate: 0.001 },
      discriminatorOptimizer: { kind: 'adam', learningRate: 0.001 },
    },
    logging: { every: 50 }, samples: { every: 150 }, checkpoints: { every: 150 },
  }, 32, (samples, dataset) => nearestRealDistance(samples, dataset, 300));
  assert.ok(after < before * 0.9, `nearest-real distance before ${before.toFixed(2)}, after ${after.toFixed(2)}`);
});
