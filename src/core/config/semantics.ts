import type { ConfigIssue } from '../errors';
import { isToyData } from './dataSchema';
import type { DataConfig } from './dataSchema';
import type { GanConfig } from './schema';

/** Rules between fields that a per-field schema cannot state. Each names the field to change. */
type Rule = (config: GanConfig) => ConfigIssue | undefined;

const DCGAN_IMAGE_SIZES: readonly number[] = [28, 32, 64];

/** Side length of the data's images when the config alone decides it (IDX files say so only once read). */
function dataImageSize(data: DataConfig): number | undefined {
  if (data.kind === 'mnist') return 28;
  if (data.kind === 'folder') return data.size;
  return undefined;
}

const rules: readonly Rule[] = [
  ({ model, data }) => model.kind === 'dcgan' && isToyData(data)
    ? {
      path: ['model', 'kind'],
      message: `dcgan generates images, but data kind '${data.kind}' is 2D points; use model kind mlp (or image data: mnist, folder, idx)`,
    }
    : undefined,

  ({ model, data }) => {
    const size = dataImageSize(data);
    if (model.kind !== 'dcgan' || size === undefined) return undefined;
    if (!DCGAN_IMAGE_SIZES.includes(size)) {
      return { path: ['data', 'size'], message: `dcgan handles 28, 32 or 64 pixel images, found ${size}; resize to one of them` };
    }
    if (model.imageSize === undefined || model.imageSize === size) return undefined;
    return {
      path: ['model', 'imageSize'],
      message: `found ${model.imageSize}, but the ${data.kind} images are ${size}×${size}; set imageSize: ${size} or leave it out`,
    };
  },

  ({ objective, regularizers }) => objective.kind === 'wasserstein' && objective.weightClip !== undefined && regularizers.gradientPenalty
    ? {
      path: ['objective', 'weightClip'],
      message: 'weightClip and regularizers.gradientPenalty both keep the critic 1-Lipschitz; use one (WGAN: weightClip, WGAN-GP: gradientPenalty)',
    }
    : undefined,

  ({ objective, regularizers }) => regularizers.labelSmoothing !== undefined && (objective.kind === 'wasserstein' || objective.kind === 'hinge')
    ? {
      path: ['regularizers', 'labelSmoothing'],
      message: `label smoothing softens the real label of minimax, non-saturating and least-squares losses; the ${objective.kind} loss has no labels to smooth`,
    }
    : undefined,

  ({ training }) => training.steps !== undefined && training.epochs !== undefined
    ? { path: ['training', 'epochs'], message: 'set training.steps or training.epochs, not both' }
    : undefined,
];

/** Cross-field problems of a schema-valid config; empty when it makes sense as a whole. */
export function semanticIssues(config: GanConfig): ConfigIssue[] {
  return rules.flatMap((rule) => rule(config) ?? []);
}
