import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import type { ObjectiveConfig, ObjectiveKind } from '../config/objectiveSchema';
import { hingeObjective } from './hinge';
import { leastSquaresObjective } from './leastSquares';
import { minimaxObjective, nonSaturatingObjective } from './logistic';
import { wassersteinObjective } from './wasserstein';

/** D's loss and the two terms it sums, logged separately so the dashboard can show which side D is winning. */
export interface DiscriminatorLossParts {
  readonly total: Scalar;
  readonly real: Scalar;
  readonly fake: Scalar;
}

/**
 * One adversarial loss. Every method takes D's raw outputs (logits or critic scores, shape [B, 1])
 * and returns new tensors; call inside tf.tidy / a gradient function.
 */
export interface AdversarialObjective {
  readonly kind: ObjectiveKind;
  /** D's loss on real and fake scores. realTarget = 1 − labelSmoothing (1 when none); critic losses ignore it. */
  discriminatorLoss(realScores: Tensor, fakeScores: Tensor, realTarget: number): DiscriminatorLossParts;
  generatorLoss(fakeScores: Tensor): Scalar;
  /** What the dashboard shows as D(x): sigmoid probability for minimax/non-saturating, the raw score otherwise. */
  displayed(scores: Tensor): Tensor;
  /** Fixed histogram range for displayed values, or undefined when unbounded (wasserstein). */
  readonly histogramRange: readonly [number, number] | undefined;
}

export function adversarialObjective(config: ObjectiveConfig): AdversarialObjective {
  switch (config.kind) {
    case 'minimax': return minimaxObjective;
    case 'non-saturating': return nonSaturatingObjective;
    case 'least-squares': return leastSquaresObjective;
    case 'wasserstein': return wassersteinObjective;
    case 'hinge': return hingeObjective;
  }
}
