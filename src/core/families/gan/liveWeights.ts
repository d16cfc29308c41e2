import type { TunableWeight } from '../player';
import type { StepContext } from './context';

/**
 * The GAN objective's weights a student may change while it trains: the context the losses read
 * is swapped for a copy with the new weight, so each update sees the weights of its own moment.
 */
export function liveWeights(initial: StepContext): { readonly context: () => StepContext; readonly weights: readonly TunableWeight[] } {
  let ctx = initial;
  const weight = (name: string, label: string, get: () => number | undefined, set: (value: number) => StepContext): TunableWeight[] =>
    get() === undefined ? [] : [{ name, label, get: () => get() ?? 0, set: (value) => { ctx = set(value); } }];
  const info = initial.info;
  const infoWeight = (key: 'categorical' | 'continuous') => (value: number): StepContext => {
    const current = ctx.info ?? info;
    return current ? { ...ctx, info: { ...current, weights: { ...current.weights, [key]: value } } } : ctx;
  };
  const weights = [
    ...weight('gradientPenalty', 'gradient penalty λ', () => ctx.gradientPenaltyWeight, (value) => ({ ...ctx, gradientPenaltyWeight: value })),
    ...weight('r1', 'R1 γ', () => ctx.r1Gamma, (value) => ({ ...ctx, r1Gamma: value })),
    ...weight('infoCategorical', 'InfoGAN λ (categorical codes)', () => ctx.info?.weights.categorical, infoWeight('categorical')),
    ...weight('infoContinuous', 'InfoGAN λ (continuous codes)', () => ctx.info?.weights.continuous, infoWeight('continuous')),
  ];
  return { context: () => ctx, weights };
}
