import type { GanConfig } from '../../config/schema';
import type { ConfigIssue } from '../../errors';

const packingPath = ['model', 'discriminator', 'packing'] as const;

/** What a plain GAN's config cannot combine: D's packs must fill the batch, Q reads one example at a time, one Lipschitz bound. */
export function ganIssues(config: GanConfig): ConfigIssue[] {
  return [...packingIssues(config), ...spectralNormIssues(config), ...realConsistencyIssues(config)];
}

/** IMSAT's consistency compares Q's answers on the clean and the augmented real batch: no augmentation, nothing to compare. */
function realConsistencyIssues({ model, regularizers }: GanConfig): ConfigIssue[] {
  if (!model.infogan?.realConsistency || regularizers.augmentation) return [];
  return [{
    path: ['model', 'infogan', 'realConsistency'],
    message: 'Q\'s answer on each real image is held to its answer on an augmented copy, and there is no augmentation: '
      + 'add regularizers.augmentation (e.g. { rotation: 20, translation: 3, scale: 0.15, thickness: 0.7 }), or remove realConsistency',
  }];
}

function spectralNormIssues({ model, objective }: GanConfig): ConfigIssue[] {
  if (!model.discriminator.spectralNorm || objective.kind !== 'wasserstein' || objective.weightClip === undefined) return [];
  return [{
    path: ['model', 'discriminator', 'spectralNorm'],
    message: 'objective.weightClip and spectral normalization both bound D\'s Lipschitz constant, and clipping the weights that '
      + 'spectral normalization divides by σ fights it; use one (remove objective.weightClip, or spectralNorm)',
  }];
}

function packingIssues({ model, training }: GanConfig): ConfigIssue[] {
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
