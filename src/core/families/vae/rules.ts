import type { GanConfig } from '../../config/schema';
import type { ConfigIssue } from '../../errors';
import { reconstructingRefusals, refusedFields, type Refusal } from '../shared/refusals';

const mbd: Refusal = {
  path: ['model', 'discriminator', 'minibatchDiscrimination'], set: ({ model }) => model.discriminator.minibatchDiscrimination !== undefined,
  why: 'reads one example at a time (its encoder, and its D), and a batch-level feature would mix examples',
};

/** What a VAE config cannot combine with: it has no discriminator, so nothing that shapes one applies. */
export function vaeIssues(config: GanConfig): ConfigIssue[] {
  const adversarial = (name: 'gradientPenalty' | 'r1' | 'labelSmoothing'): Refusal => ({
    path: ['regularizers', name], set: ({ regularizers }) => regularizers[name] !== undefined, why: 'has no discriminator to regularize',
  });
  // The parsed config holds the default objective whether or not one was written, so only another is refused.
  const objective: Refusal = {
    path: ['objective', 'kind'], set: ({ objective: { kind } }) => kind !== 'non-saturating', why: 'has no discriminator, so no adversarial loss applies',
  };
  return refusedFields('vae', [
    ...reconstructingRefusals, mbd, objective, adversarial('gradientPenalty'), adversarial('r1'), adversarial('labelSmoothing'),
  ], config);
}

/** What a VAE-GAN config cannot combine with. */
export function vaeGanIssues(config: GanConfig): ConfigIssue[] {
  return refusedFields('vae-gan', [
    ...reconstructingRefusals, mbd,
    {
      path: ['regularizers', 'gradientPenalty'], set: ({ regularizers }) => regularizers.gradientPenalty !== undefined,
      why: 'judges reconstructions and prior samples together, and the penalty\'s interpolation between real and fake is not defined for them here',
    },
    {
      path: ['objective', 'weightClip'], set: ({ objective }) => objective.kind === 'wasserstein' && objective.weightClip !== undefined,
      why: 'measures reconstructions in D\'s features, and clipping D\'s weights flattens them',
    },
  ], config);
}
