import type { GanConfig } from '../../config/schema';
import type { ConfigIssue } from '../../errors';
import { reconstructingRefusals, refusedFields } from '../shared/refusals';

/** What a BiGAN config cannot combine with, each with the reason and what to do. */
export function biganIssues(config: GanConfig): ConfigIssue[] {
  return refusedFields('bigan', [
    ...reconstructingRefusals,
    {
      path: ['model', 'discriminator', 'minibatchDiscrimination'], set: ({ model }) => model.discriminator.minibatchDiscrimination !== undefined,
      why: 'judges (x, z) pairs, and a batch-level feature would let D tell pairs apart by their batch',
    },
  ], config);
}
