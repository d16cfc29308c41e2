import { evaluationEvery, MIXTURE_KINDS } from '../config/evaluationSchema';
import type { GanConfig } from '../config/schema';
import { generatesDigits } from '../data/domains/domainShape';
import { familyMeasuresAnyData } from '../families/rules';

/** Whether and how often a run measures its generator: what a dashboard with no evaluation yet can say. */
export interface EvaluationPlan {
  /** Steps between scheduled evaluations; absent when the run is evaluated only on demand. */
  readonly every?: number;
  /** The run's data has a measure: a mixture's modes, the digit classifier, or the family's own (BiGAN's probe). */
  readonly measurable: boolean;
}

/** Whether `gan-studio eval` (and `evaluation.every`) can measure anything on this config's data. */
export function isMeasurable(config: GanConfig): boolean {
  return generatesDigits(config.data) || MIXTURE_KINDS.includes(config.data.kind) || familyMeasuresAnyData(config);
}

export function evaluationPlan(config: GanConfig): EvaluationPlan {
  const every = evaluationEvery(config);
  return { ...(every !== undefined ? { every } : {}), measurable: isMeasurable(config) };
}
