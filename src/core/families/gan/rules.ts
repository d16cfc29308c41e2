import type { GanConfig } from '../../config/schema';
import type { ConfigIssue } from '../../errors';

const packingPath = ['model', 'discriminator', 'packing'] as const;

/** What a plain GAN's config cannot combine: D's packs must fill the batch, and Q reads one example at a time. */
export function ganIssues({ model, training }: GanConfig): ConfigIssue[] {
  const packing = model.discriminator.packing;
  if (packing === undefined) return [];
  const issues: ConfigIssue[] = [];
  if (training.batchSize % packing !== 0) {
    issues.push({
      path: packingPath,
      message: `${packing} does not divide training.batchSize (${training.batchSize}): D judges the batch in whole packs; `
        + `use a packing that divides it, or a batch size that is a multiple of ${packing}`,
    });
  }
  if (model.infogan) {
    issues.push({
      path: packingPath,
      message: 'InfoGAN\'s Q reads each example\'s code from D\'s features, and a packed D mixes the examples of a pack; remove packing or model.infogan',
    });
  }
  return issues;
}
