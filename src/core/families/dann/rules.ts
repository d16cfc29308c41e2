import type { GanConfig } from '../../config/schema';
import type { ConfigIssue } from '../../errors';
import { refusedFields, type Refusal } from '../shared/refusals';

const regularizer = (name: 'gradientPenalty' | 'r1' | 'labelSmoothing' | 'instanceNoise' | 'augmentation', why: string): Refusal => ({
  path: ['regularizers', name], set: ({ regularizers }) => regularizers[name] !== undefined, why,
});

/**
 * What a DANN config cannot combine with: it generates nothing, so the GAN's objective, its
 * regularizers and its generator average do not apply; its heads read the features F makes.
 */
export function dannIssues(config: GanConfig): ConfigIssue[] {
  const { data } = config;
  const issues: ConfigIssue[] = [];
  if (data.kind === 'domains') {
    if (data.paired) issues.push({ path: ['data', 'paired'], message: 'the dann family learns from unpaired domains (its target\'s images match no source image); remove paired' });
    for (const side of ['a', 'b'] as const) {
      const domain = data[side];
      if (domain.kind === 'idx' && domain.labels === undefined) {
        const use = side === 'a' ? 'F learns from the source\'s labels' : 'the target\'s labels measure what F learned (and train the upper bound)';
        issues.push({ path: ['data', side, 'labels'], message: `the dann family needs labels on both domains: ${use}; name the labels IDX file` });
      }
    }
  }
  return [...issues, ...refusedFields('dann', [
    // The parsed config holds the default objective whether or not one was written, so only another is refused.
    { path: ['objective', 'kind'], set: ({ objective }) => objective.kind !== 'non-saturating', why: 'trains its domain head with the logistic loss of Ganin et al., not a GAN objective' },
    { path: ['training', 'dSteps'], set: ({ training }) => training.dSteps !== 1, why: 'updates F and both heads together, once a step (the gradient reversal layer makes them one update)' },
    { path: ['training', 'generatorEma'], set: ({ training }) => training.generatorEma !== undefined, why: 'has no generator to average' },
    ...(['gradientPenalty', 'r1', 'labelSmoothing'] as const).map((name) => regularizer(name, 'has no discriminator of real against generated data to regularize')),
    regularizer('instanceNoise', 'shows its networks the domains as they are: noise would hide the very difference the domain head learns'),
    regularizer('augmentation', 'compares its features on the domains as they are, and its comparison networks train on the same images'),
  ], config)];
}
