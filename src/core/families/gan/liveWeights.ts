import type { TunableWeight } from '../player';
import { tunableWeight } from '../shared/tunableWeight';
import type { StepContext } from './context';

/**
 * The GAN objective's weights a student may change while it trains, as every family's: tunable
 * weights, read into the context the losses take at each update, so a change applies from the next one.
 */
export function liveWeights(ctx: StepContext): { readonly context: () => StepContext; readonly weights: readonly TunableWeight[] } {
  const optional = (name: string, label: string, configured: number | undefined) => configured === undefined ? undefined : tunableWeight(name, label, configured);
  const gradientPenalty = optional('gradientPenalty', 'gradient penalty λ', ctx.gradientPenaltyWeight);
  const r1 = optional('r1', 'R1 γ', ctx.r1Gamma);
  const info = ctx.info;
  const categorical = optional('infoCategorical', 'InfoGAN λ (categorical codes)', info?.weights.categorical);
  const continuous = optional('infoContinuous', 'InfoGAN λ (continuous codes)', info?.weights.continuous);
  return {
    context: () => ({
      ...ctx,
      ...(gradientPenalty ? { gradientPenaltyWeight: gradientPenalty.get() } : {}),
      ...(r1 ? { r1Gamma: r1.get() } : {}),
      ...(info && categorical && continuous ? { info: { ...info, weights: { categorical: categorical.get(), continuous: continuous.get() } } } : {}),
    }),
    weights: [gradientPenalty, r1, categorical, continuous].filter((weight): weight is TunableWeight => weight !== undefined),
  };
}
