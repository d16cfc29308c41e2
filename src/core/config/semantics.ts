import type { ConfigIssue } from '../errors';
import { isMeasurable } from '../eval/evaluationPlan';
import { familyIssues } from '../families/rules';
import { batchSizeIssue, configExampleCount, configExampleShape, dataKindIssue, imageSizeIssue } from './dataFit';
import { isToyData } from './dataSchema';
import type { DataConfig, DomainsDataConfig } from './dataSchema';
import { sourceShape, transformedShape } from '../data/domains/domainShape';
import { memoryIssue, memoryLimit } from './memoryFit';
import type { GanConfig } from './schema';
import { MIXTURE_KINDS } from './evaluationSchema';

/** Rules between fields that a per-field schema cannot state. Each names the field to change. */
type Rule = (config: GanConfig) => ConfigIssue | undefined;

/** Toy sets drawn from a Gaussian mixture: a conditional GAN takes each point's mode as its label. */

/**
 * Why the data cannot give a conditional GAN its labels, when the config alone tells; image
 * folders say whether they have class subfolders only once read (a load-time error then).
 */
function missingLabels(data: DataConfig): ConfigIssue | undefined {
  if (data.kind === 'idx' && data.labels === undefined) {
    return { path: ['model', 'conditional'], message: 'needs class labels, but data.labels is not set; name the IDX labels file there, or remove model.conditional' };
  }
  if (isToyData(data) && !MIXTURE_KINDS.includes(data.kind)) {
    return {
      path: ['model', 'conditional'],
      message: `needs class labels, but data kind '${data.kind}' has none; use mnist, a folder with class subfolders, idx with labels, `
        + `or a Gaussian mixture (${MIXTURE_KINDS.join(', ')}), whose mode is the label`,
    };
  }
  return undefined;
}

const rules: readonly Rule[] = [
  ({ model, data }) => dataKindIssue(model, data),

  ({ model, data }) => imageSizeIssue(model, data, configExampleShape(data)),

  ({ training, data }) => batchSizeIssue(training.batchSize, configExampleCount(data)),

  // Only for a model that fits its data (the rules above say when not). Classes unknown until the
  // data is read count as none: a lower bound; training asks again with the data and the backend it got.
  ({ model, data, ...rest }) => {
    const exampleShape = configExampleShape(data);
    if (!exampleShape || dataKindIssue(model, data) || imageSizeIssue(model, data, exampleShape)) return undefined;
    return memoryIssue({ model, data, ...rest }, { exampleShape, classCount: 0 }, memoryLimit(rest.backend));
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

  ({ regularizers, data }) => regularizers.augmentation && isToyData(data)
    ? {
      path: ['regularizers', 'augmentation'],
      message: `rotates, zooms and shifts images, but data kind '${data.kind}' is 2D points; remove it, or train on images (mnist, folder, idx)`,
    }
    : undefined,

  ({ model, data }) => model.conditional ? missingLabels(data) : undefined,

  ({ model }) => model.conditional && model.infogan
    ? {
      path: ['model', 'infogan'],
      message: 'use model.conditional (labels from the data) or model.infogan (codes the generator learns to use), not both',
    }
    : undefined,

  ({ model }) => model.infogan && model.infogan.categorical.length + model.infogan.continuous.length === 0
    ? { path: ['model', 'infogan'], message: 'needs at least one code: list categorical category counts (e.g. [10]) or continuous ranges (e.g. [{}])' }
    : undefined,

  ({ model }) => {
    const index = model.infogan?.continuous.findIndex((code) => code.max <= code.min) ?? -1;
    const code = model.infogan?.continuous[index];
    return code
      ? { path: ['model', 'infogan', 'continuous', index, 'max'], message: `must be greater than min (${code.min}), found ${code.max}` }
      : undefined;
  },

  (config) => config.evaluation.every !== undefined && !isMeasurable(config)
    ? {
      path: ['evaluation', 'every'],
      message: `evaluation measures Gaussian mixtures (${MIXTURE_KINDS.join(', ')}) and the embedded mnist digits; `
        + `data kind '${config.data.kind}' has no measure, so remove evaluation.every`,
    }
    : undefined,

  ({ data }) => data.kind === 'domains' ? domainTransformIssue(data) : undefined,

  ({ training }) => training.steps !== undefined && training.epochs !== undefined
    ? { path: ['training', 'epochs'], message: 'set training.steps or training.epochs, not both' }
    : undefined,
];

/** The first transform of either domain that cannot take the image it gets (grey-only on RGB, a factor that does not divide). */
function domainTransformIssue(data: DomainsDataConfig): ConfigIssue | undefined {
  for (const side of ['a', 'b'] as const) {
    const shape = sourceShape(data[side]);
    const result = shape && transformedShape(shape, data[side].transforms);
    if (result && 'problem' in result) return { path: ['data', side, 'transforms', result.problem.index], message: result.problem.message };
  }
  return undefined;
}

/** Cross-field problems of a schema-valid config; empty when it makes sense as a whole. */
export function semanticIssues(config: GanConfig): ConfigIssue[] {
  return [...rules.flatMap((rule) => rule(config) ?? []), ...familyIssues(config)];
}
