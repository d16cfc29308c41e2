import { z } from 'zod';
import { backendNames } from './backendNames';

const learningRate = (fallback: number) =>
  z.number().positive().max(10).default(fallback).describe('Learning rate.');

export const adamOptimizer = z.strictObject({
  kind: z.literal('adam').describe('Adam (Kingma & Ba 2014), the usual GAN optimizer.'),
  learningRate: learningRate(2e-4),
  beta1: z.number().min(0).lt(1).default(0.5).describe('Decay of the first-moment estimate (0.5 is the DCGAN choice).'),
  beta2: z.number().min(0).lt(1).default(0.999).describe('Decay of the second-moment estimate.'),
});

export const sgdOptimizer = z.strictObject({
  kind: z.literal('sgd').describe('Stochastic gradient descent, with momentum as in the original GAN paper.'),
  learningRate: learningRate(0.01),
  momentum: z.number().min(0).lt(1).default(0.5).describe('Momentum (0 for plain SGD).'),
});

export const rmspropOptimizer = z.strictObject({
  kind: z.literal('rmsprop').describe('RMSprop, as used by the original WGAN.'),
  learningRate: learningRate(5e-5),
  decay: z.number().min(0).lt(1).default(0.9).describe('Decay of the running mean of squared gradients.'),
  momentum: z.number().min(0).lt(1).default(0).describe('Momentum.'),
});

export const optimizerSchema = z.discriminatedUnion('kind', [adamOptimizer, sgdOptimizer, rmspropOptimizer])
  .describe('Optimizer and its hyperparameters.');
export type OptimizerConfig = z.output<typeof optimizerSchema>;

export const generatorEmaSchema = z.strictObject({
  decay: z.number().gt(0).lt(1).default(0.999)
    .describe('Weight of the old average at each generator step; 0.999 averages over roughly the last 1,000 steps.'),
}).describe(
  'Keep an exponential moving average of the generator\'s weights (Yazıcı et al. 2019) and use it for '
  + 'samples, evaluation and export. It smooths the late swings of a generator that circles a good '
  + 'solution. The first updates average over fewer steps, min(decay, (1 + t) / (10 + t)) at step t, '
  + 'so early samples are not held back by the initial weights.');

// Optional rather than defaulted: configs that leave it out resolve, and hash, as before it existed.
export const learningRateDecaySchema = z.strictObject({
  start: z.number().min(0).lt(1).default(0.5).describe('Share of the run after which the rates start to fall (0.5: the second half).'),
  final: z.number().min(0).max(1).default(0).describe('Share of the configured rates reached at the last step.'),
}).describe('Linear learning-rate decay for every optimizer of the run (as CycleGAN and many toy-GAN studies train): the players '
  + 'stop circling the equilibrium as their steps shrink, so samples settle on the modes. A function of the step, so resume is exact.');
export type LearningRateDecayConfig = z.output<typeof learningRateDecaySchema>;

/** The most generator steps a run may train for, in a config or on the command line. */
export const MAX_STEPS = 10_000_000;

export const trainingSchema = z.strictObject({
  batchSize: z.int().min(1).max(4096).default(64).describe('Examples per batch, real and generated alike.'),
  steps: z.int().min(1).max(MAX_STEPS).optional()
    .describe('Generator steps to train (each preceded by dSteps discriminator steps). Default 2000 unless epochs is set.'),
  epochs: z.number().positive().max(100_000).optional()
    .describe('Alternative to steps: passes over the real data (each discriminator step consumes one real batch).'),
  dSteps: z.int().min(1).max(100).default(1).describe('k: discriminator steps per generator step (Goodfellow et al. 2014).'),
  generatorOptimizer: optimizerSchema.prefault({ kind: 'adam' }).describe('Optimizer of the generator.'),
  discriminatorOptimizer: optimizerSchema.prefault({ kind: 'adam' }).describe('Optimizer of the discriminator.'),
  generatorEma: generatorEmaSchema.optional(),
  learningRateDecay: learningRateDecaySchema.optional(),
}).describe('Training schedule: batch size, length, the k:1 step ratio, the optimizers, their decay and the generator average.');
export type TrainingConfig = z.output<typeof trainingSchema>;

/** The most samples one grid (or `gan-studio sample`) draws. */
export const MAX_SAMPLE_COUNT = 1024;

export const loggingSchema = z.strictObject({
  every: z.int().min(1).default(10).describe('Write a metrics line every N steps.'),
  histogramEvery: z.int().min(1).default(50).describe('Write histograms of D outputs every N steps.'),
  histogramBins: z.int().min(2).max(200).default(30).describe('Number of histogram bins.'),
}).describe('What goes into metrics.jsonl and histograms.jsonl, and how often.');

export const samplesSchema = z.strictObject({
  every: z.int().min(1).default(200).describe('Save a sample grid every N steps (and at the end).'),
  count: z.int().min(1).max(MAX_SAMPLE_COUNT).default(64)
    .describe('Samples per grid, all from the same fixed noise (points for 2D data).'),
  keepLast: z.int().min(1).optional().describe('Keep only the newest K grids (default: keep all).'),
}).describe('Sample grids saved under samples/ in the run directory.');

export const checkpointsSchema = z.strictObject({
  every: z.int().min(1).default(500).describe('Save a resumable checkpoint every N steps (and at the end).'),
  keepLast: z.int().min(1).max(1000).default(3).describe('Keep only the newest K checkpoints.'),
}).describe('Resumable checkpoints under checkpoints/ in the run directory.');

export { backendNames, type BackendName } from './backendNames';
export const backendSchema = z.enum(backendNames).default('auto')
  .describe('auto picks the fastest available: tensorflow-gpu (native), then webgpu on a hardware GPU adapter, then tensorflow (native), then wasm, then cpu. webgpu named here also runs on a software adapter (lavapipe, SwiftShader: slow, for tests).');
