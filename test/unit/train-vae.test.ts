import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from '../../src/core/backend/tf';
import { parseConfigText } from '../../src/core/config/parse';
import type { GanConfigInput } from '../../src/core/config/schema';
import type { FamilyFigure } from '../../src/core/run/evaluationRecords';
import { histogramKeyOf } from '../../src/core/run/histogramKeys';
import { readRun } from '../../src/core/run/runReader';
import { evaluateRun } from '../../src/core/train/evaluateRun';
import { useTestBackend } from './support/backend';
import { resolvedConfig, tempDir, train, wholeAndResumed } from './support/training';

// The VAE and VAE-GAN families on a slice of the embedded digits, with small MLPs.
const digits: GanConfigInput = {
  name: 'vae-digits', seed: 2,
  family: { kind: 'vae' },
  data: { kind: 'mnist', limit: 3000 },
  model: { kind: 'mlp', latentSize: 8, generator: { hidden: [256] }, discriminator: { hidden: [256] } },
  training: {
    steps: 800, batchSize: 64,
    generatorOptimizer: { kind: 'adam', learningRate: 0.001 },
    discriminatorOptimizer: { kind: 'adam', learningRate: 0.0003, beta1: 0.5 },
  },
  logging: { every: 20, histogramEvery: 400 }, samples: { every: 400, count: 16 }, checkpoints: { every: 400 },
  evaluation: { samples: 500 },
};

function figure(figures: readonly FamilyFigure[] | undefined, name: string): number {
  const found = figures?.find((candidate) => candidate.name === name);
  assert.ok(found, `no ${name} among ${figures?.map((candidate) => candidate.name).join(', ')}`);
  return found.value;
}

test('the VAE learns to reconstruct: the shipped classifier reads most reconstructions as their input\'s digit', async () => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: resolvedConfig(digits) });
  assert.equal(run.info.status, 'completed');
  const { figures, fid } = await evaluateRun({ runDir: run.runDir, record: true });
  // Chance is 10 %; an untrained decoder gives every input the same blur.
  assert.ok(figure(figures, 'reconstructionAgreement') >= 0.8, `agreement ${figure(figures, 'reconstructionAgreement')}`);
  assert.ok(figure(figures, 'reconstructionRatio') < 0.6, `ratio ${figure(figures, 'reconstructionRatio')}`);
  assert.ok(fid, 'the decoder is measured as a generator too (FID of prior samples)');
  const read = await readRun(run.runDir);
  assert.deepEqual(read.info.catalogue?.headline, ['reconstructionLoss', 'klLoss']);
  assert.deepEqual(read.info.networks, ['generator', 'encoder']);
  const first = read.metrics[0]!;
  const last = read.metrics.at(-1)!;
  assert.ok(Number(last['reconstructionLoss']) < Number(first['reconstructionLoss']) / 2, `reconstruction term ${first['reconstructionLoss']} → ${last['reconstructionLoss']}`);
  assert.ok(fs.existsSync(path.join(run.runDir, 'samples', 'reconstructions', 'step-800.png')));
  assert.equal(fs.existsSync(path.join(run.runDir, 'histograms.jsonl')), false, 'no discriminator, no histograms');
});

test('VAE-GAN learns too: reconstructions keep their digit, D and the decoder play under the equilibrium gating', async () => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: resolvedConfig({
    ...digits, family: { kind: 'vae-gan', featureWeight: 1, equilibrium: { margin: 0.4 } }, training: { ...digits.training, steps: 600,
      generatorOptimizer: { kind: 'adam', learningRate: 0.0003, beta1: 0.5 } },
    logging: { every: 20, histogramEvery: 300 }, samples: { every: 300, count: 16 }, checkpoints: { every: 300 },
  }) });
  assert.equal(run.info.status, 'completed');
  const { figures } = await evaluateRun({ runDir: run.runDir, record: true });
  assert.ok(figure(figures, 'reconstructionAgreement') >= 0.4, `agreement ${figure(figures, 'reconstructionAgreement')} (chance 10 %)`);
  assert.ok(figure(figures, 'reconstructionRatio') < 0.85, `ratio ${figure(figures, 'reconstructionRatio')}`);
  const read = await readRun(run.runDir);
  assert.deepEqual(read.info.networks, ['generator', 'encoder', 'discriminator']);
  const updated = read.metrics.map((line) => [line['discriminatorUpdated'], line['decoderUpdated']]);
  assert.ok(updated.every(([d, g]) => (d === 0 || d === 1) && (g === 0 || g === 1)), 'the gating is on every line');
  assert.ok(updated.some(([d]) => d === 1) && updated.some(([, g]) => g === 1), 'both players update');
  // D's outputs on real digits against each kind of fake it sees, one histogram view each, every histogram step.
  const views = read.histograms.map((record) => `${record.step} ${histogramKeyOf(record).view}: ${histogramKeyOf(record).fakeLabel}`);
  assert.deepEqual(views, [0, 300, 600].flatMap((step) => [
    `${step} discriminator: D(Dec(z)), z from the prior`, `${step} reconstructions: D(x̃), x̃ = Dec(Enc(x))`]));
});

for (const family of [{ kind: 'vae' as const }, { kind: 'vae-gan' as const, equilibrium: { margin: 0.4 }, regularizers: { r1: { gamma: 1 } } }]) {
  test(`${family.kind} resumes exactly and holds its tensor count`, async () => {
    await useTestBackend();
    const { regularizers, ...section } = { regularizers: {}, ...family };
    const short = resolvedConfig({
      ...digits, family: section, regularizers,
      data: { kind: 'mnist', limit: 500 }, training: { ...digits.training, steps: 30, batchSize: 16 },
      logging: { every: 5, histogramEvery: 10 }, samples: { every: 15, count: 4 }, checkpoints: { every: 1000 },
    });
    const { whole, split } = await wholeAndResumed(tempDir(), short, 15);
    const [expected, actual] = await Promise.all([readRun(whole.runDir), readRun(split.runDir)]);
    assert.equal(actual.metrics.length, 30 / 5);
    actual.metrics.forEach((record, i) => {
      for (const [key, value] of Object.entries(expected.metrics[i]!)) {
        if (typeof value === 'number' && !/PerSecond|elapsed/.test(key)) assert.equal(record[key], value, `step ${record.step} ${key}`);
      }
    });
    const counts: number[] = [];
    await train({ runsDir: tempDir(), config: short }, (event) => {
      if (event.type === 'progress') counts.push(tf.memory().numTensors);
    });
    assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts per step: ${counts.join(', ')}`);
  });
}

test('VAE and VAE-GAN configs refuse what they cannot train with, naming the field', () => {
  const vae = parseConfigText('name: v\nfamily: { kind: vae }\ndata: { kind: mnist }\nregularizers: { r1: {} }\nmodel: { kind: mlp, conditional: {} }\nobjective: { kind: hinge }\n');
  assert.ok(!vae.ok);
  const messages = new Map(vae.issues.map((issue) => [issue.path.join('.'), issue.message]));
  assert.match(messages.get('objective.kind') ?? '', /the vae family has no discriminator, so no adversarial loss applies; remove it/);
  assert.match(messages.get('regularizers.r1') ?? '', /the vae family has no discriminator to regularize; remove it/);
  assert.match(messages.get('model.conditional') ?? '', /the vae family learns from unlabelled data/);
  const vaeGan = parseConfigText('name: v\nfamily: { kind: vae-gan, featureWeight: -1 }\ndata: { kind: mnist }\n');
  assert.ok(!vaeGan.ok && vaeGan.issues.some((issue) => issue.path.join('.') === 'family.featureWeight'));
});
