import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { tf } from '../../src/core/backend/tf';
import { mlpModel } from '../../src/core/config/modelSchema';
import { buildModels } from '../../src/core/models';
import { generate } from '../../src/core/models/apply';
import { latentBatch } from '../../src/core/models/latent';
import { adversarialObjective } from '../../src/core/objectives/adversarial';
import { changeThickness, drawAugmentation, warpImages, type AugmentationDraws } from '../../src/core/objectives/augmentation';
import { drawLatents } from '../../src/core/models/latentDraws';
import type { StepContext } from '../../src/core/families/gan/context';
import { discriminatorLoss, generatorLoss, type DiscriminatorDraws, type GeneratorDraws } from '../../src/core/families/gan/losses';
import type { Player } from '../../src/core/families/player';
import { readScalars, updatePlayer } from '../../src/core/train/iteration';
import { Random } from '../../src/core/util/random';
import { assertNoLeak, assertNoLeakAsync, useTestBackend } from './support/backend';

const side = 8;
const count = 6;
const shape = { kind: 'images' as const, exampleShape: [side, side, 1] };
const identity: AugmentationDraws = drawAugmentation(new Random(1), count, { rotation: 0, translation: 0, scale: 0, thickness: 0 }, side, side);
// A quarter turn of every example: output (u, v) reads (v, side − 1 − u).
const quarterTurn: AugmentationDraws = { warps: Float32Array.from({ length: count * 6 }, (_, i) => [0, 1, 0, -1, 0, side - 1][i % 6]!) };

/** D and G of a small MLP, with optimizers that do not move the weights, so successive steps see the same networks. */
function frozenContext(): { ctx: StepContext; dispose: () => void } {
  const models = buildModels(mlpModel.parse({ kind: 'mlp', latentSize: 3, generator: { hidden: [8] }, discriminator: { hidden: [8] } }), shape, 4);
  const variables = (weights: { read(): Tensor }[]) => weights.map((weight) => weight.read() as Variable);
  const ctx: StepContext = {
    generator: models.generator, discriminator: models.discriminator, objective: adversarialObjective({ kind: 'non-saturating' }),
    generatorOptimizer: tf.train.sgd(0), discriminatorOptimizer: tf.train.sgd(0),
    generatorVariables: variables(models.generator.trainableWeights), discriminatorVariables: variables(models.discriminator.trainableWeights),
    realTarget: 1,
  };
  return { ctx, dispose: () => { models.dispose(); ctx.generatorOptimizer.dispose(); ctx.discriminatorOptimizer.dispose(); } };
}

/** One update of D or G through the generic iteration, read back by metric name. */
function update(name: string, optimizer: StepContext['generatorOptimizer'], variables: Player['variables'], loss: Player['prepare']): Promise<Record<string, number>> {
  return readScalars(updatePlayer({ name, metrics: { loss: 'loss', gradNorm: 'gradNorm' }, updates: 1, optimizer, variables, prepare: loss }, 0));
}
const discriminatorStep = (ctx: StepContext, draws: DiscriminatorDraws) =>
  update('discriminator', ctx.discriminatorOptimizer, ctx.discriminatorVariables, () => discriminatorLoss(ctx, draws));
const generatorStep = (ctx: StepContext, draws: GeneratorDraws) =>
  update('generator', ctx.generatorOptimizer, ctx.generatorVariables, () => generatorLoss(ctx, draws));

test('D\'s step judges the augmented real and generated images, and an identity augmentation changes nothing', async () => {
  await useTestBackend();
  const { ctx, dispose } = frozenContext();
  const real = tf.tensor(Float32Array.from({ length: count * side * side }, (_, i) => Math.cos(i * 0.21)), [count, side, side, 1]);
  const latent = latentBatch(drawLatents(new Random(2), { noiseSize: 3 }, count));
  const plain = await discriminatorStep(ctx, { real, latent });
  const unchanged = await discriminatorStep(ctx, { real, latent, augmentation: { real: identity, fake: identity } });
  assert.deepEqual([unchanged['dLossReal'], unchanged['dLossFake']], [plain['dLossReal'], plain['dLossFake']]);

  const turned = await assertNoLeakAsync(() => discriminatorStep(ctx, { real, latent, augmentation: { real: quarterTurn, fake: quarterTurn } }));
  // The real side is D on the turned reals, exactly as if the data had been turned beforehand.
  const preTurned = warpImages(real, quarterTurn.warps);
  const expected = await discriminatorStep(ctx, { real: preTurned, latent, augmentation: { real: identity, fake: quarterTurn } });
  assert.equal(turned['dLossReal'], expected['dLossReal']);
  assert.equal(turned['dLossFake'], expected['dLossFake']);
  assert.notEqual(turned['dLossReal'], plain['dLossReal']);
  assert.notEqual(turned['dLossFake'], plain['dLossFake']);
  tf.dispose([real, preTurned, latent.z]);
  dispose();
});

test('G\'s step scores D on its augmented output, and its gradient reaches G through the warp', async () => {
  await useTestBackend();
  const { ctx, dispose } = frozenContext();
  const latent = latentBatch(drawLatents(new Random(3), { noiseSize: 3 }, count));
  const augmented = await assertNoLeakAsync(() => generatorStep(ctx, { latent, augmentation: quarterTurn }));
  const expected = tf.tidy(() => ctx.objective.generatorLoss(ctx.discriminator.apply(
    warpImages(generate(ctx.generator, latent, true), quarterTurn.warps), { training: true }) as Tensor).dataSync()[0]!);
  assert.ok(Math.abs(augmented['loss']! - expected) < 1e-6, `${augmented['loss']} vs ${expected}`);
  const plain = await generatorStep(ctx, { latent });
  assert.notEqual(augmented['loss'], plain['loss']);
  assert.ok(augmented['gradNorm']! > 0 && augmented['gradNorm'] !== plain['gradNorm'], `G's gradient norm ${augmented['gradNorm']} (${plain['gradNorm']} unaugmented)`);
  tf.dispose(latent.z);
  dispose();
});

test('stroke thickness blends towards the 3×3 dilation or erosion, by each example\'s own amount, with a gradient', async () => {
  await useTestBackend();
  // A one-pixel vertical stroke (1) on background (−1).
  const stroke = Float32Array.from({ length: 5 * 5 }, (_, i) => (i % 5 === 2 ? 1 : -1));
  const images = tf.tensor([...stroke, ...stroke, ...stroke], [3, 5, 5, 1]);
  const result = Array.from(assertNoLeak(() => tf.tidy(() => changeThickness(images, Float32Array.from([1, -1, 0.5])).dataSync())));
  const row = (example: number) => result.slice(example * 25 + 10, example * 25 + 15);
  assert.deepEqual(row(0), [-1, 1, 1, 1, -1], 'fully dilated: three pixels wide');
  assert.deepEqual(row(1), [-1, -1, -1, -1, -1], 'fully eroded: a one-pixel stroke vanishes');
  assert.deepEqual(row(2), [-1, 0, 1, 0, -1], 'half way to the dilation');
  const gradient = tf.tidy(() => tf.grad((x: Tensor) => tf.sum(changeThickness(x, Float32Array.from([0.5, 0, -0.5]))))(images).dataSync());
  assert.ok(gradient.some((value) => value !== 1), 'the gradient goes through the max-pooling');
  images.dispose();
});
