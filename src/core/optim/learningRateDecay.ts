import type { Optimizer } from '@tensorflow/tfjs-core';
import type { LearningRateDecayConfig } from '../config/trainingSchema';

/**
 * The share of their configured learning rates the optimizers use at `step` (0-based) of
 * `totalSteps`: 1 until `start` of the run, then falling linearly to `final` at the last step.
 * A function of the step alone, so a resumed run follows the same schedule.
 */
export function learningRateScale(decay: LearningRateDecayConfig | undefined, step: number, totalSteps: number): number {
  if (!decay) return 1;
  const from = Math.floor(decay.start * totalSteps);
  if (step < from || totalSteps <= from) return 1;
  const progress = Math.min(1, (step - from + 1) / (totalSteps - from));
  return 1 - (1 - decay.final) * progress;
}

/** Each optimizer's learning rate as created: what a scale multiplies. */
const configuredRates = new WeakMap<Optimizer, number>();

interface RateHolder {
  learningRate: number;
  setLearningRate?(rate: number): void;
}

/**
 * Sets the optimizer's learning rate to `scale` × its configured one. TF.js's optimizers read their
 * `learningRate` field at each update (SGD caches it as a scalar, hence its own setter); the field
 * is protected in their types but is the documented configuration (getConfig() reports it).
 */
export function scaleLearningRate(optimizer: Optimizer, scale: number): void {
  const holder = optimizer as unknown as RateHolder;
  const rate = configuredLearningRate(optimizer) * scale;
  if (holder.learningRate === rate) return;
  if (holder.setLearningRate) holder.setLearningRate(rate);
  else holder.learningRate = rate;
}

/** The learning rate the optimizer was created with, whatever scale it runs at now. */
export function configuredLearningRate(optimizer: Optimizer): number {
  let configured = configuredRates.get(optimizer);
  if (configured === undefined) {
    configured = (optimizer as unknown as RateHolder).learningRate;
    configuredRates.set(optimizer, configured);
  }
  return configured;
}
