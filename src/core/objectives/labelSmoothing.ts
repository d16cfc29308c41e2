import type { RegularizersConfig } from '../config/objectiveSchema';

/** D's target for real data: 1 − labelSmoothing (one-sided, Salimans et al. 2016), or 1 when off. */
export function realTarget(regularizers: Pick<RegularizersConfig, 'labelSmoothing'>): number {
  return 1 - (regularizers.labelSmoothing ?? 0);
}
