import type { Tensor } from '@tensorflow/tfjs-core';
import { tf } from '../backend/tf';
import type { RegularizersConfig } from '../config/objectiveSchema';

/** σ at `step`: linear from sigma at step 0 to 0 at annealSteps (constant when annealSteps is 0); 0 when off. */
export function instanceNoiseSigma(config: RegularizersConfig['instanceNoise'], step: number): number {
  if (!config) return 0;
  if (config.annealSteps === 0) return config.sigma;
  return config.sigma * Math.max(0, 1 - step / config.annealSteps);
}

/**
 * x + σ·n, with n ~ N(0, 1) drawn by the caller from the run's Random so noise is reproducible.
 * Apply to both real and fake inputs of D: noise on one side only would itself tell them apart.
 */
export function addInstanceNoise(x: Tensor, standardNormal: Tensor, sigma: number): Tensor {
  return tf.add(x, tf.mul(standardNormal, sigma));
}
