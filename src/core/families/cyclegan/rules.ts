import { configExampleShape } from '../../config/dataFit';
import type { DataConfig } from '../../config/dataSchema';
import type { GanConfig } from '../../config/schema';
import { sourceShape, transformedShape } from '../../data/domains/domainShape';
import type { ConfigIssue } from '../../errors';
import { reconstructingRefusals, refusedFields, type Refusal } from '../shared/refusals';

const reason = 'builds its own translators and PatchGAN critics';
const refusals: readonly Refusal[] = [
  ...reconstructingRefusals.filter(({ path }) => path[0] !== 'training'),
  { path: ['training', 'generatorEma'], set: ({ training }) => training.generatorEma !== undefined, why: 'translates with the generators it trains, not an average of them' },
  { path: ['model', 'discriminator', 'minibatchDiscrimination'], set: ({ model }) => model.discriminator.minibatchDiscrimination !== undefined, why: reason },
  { path: ['regularizers', 'gradientPenalty'], set: ({ regularizers }) => regularizers.gradientPenalty !== undefined, why: 'trains its patch critics without input-gradient penalties (least squares keeps them tame)' },
  { path: ['regularizers', 'r1'], set: ({ regularizers }) => regularizers.r1 !== undefined, why: 'trains its patch critics without input-gradient penalties (least squares keeps them tame)' },
  { path: ['objective', 'kind'], set: ({ objective }) => objective.kind === 'wasserstein', why: 'has no Lipschitz constraint on its critics for the wasserstein loss; use least-squares (the paper\'s)' },
];

/** Domain a's image shape when the config alone tells: the networks' input side of a → b. */
function domainAShape(data: DataConfig): readonly number[] | undefined {
  if (data.kind !== 'domains') return undefined;
  const shape = sourceShape(data.a);
  const result = shape && transformedShape(shape, data.a.transforms);
  return result && 'shape' in result ? result.shape : undefined;
}

/** What a CycleGAN config cannot combine with, and shapes its translators cannot take. */
export function cycleGanIssues(config: GanConfig): ConfigIssue[] {
  const issues = refusedFields('cyclegan', refusals, config);
  const [a, b] = [domainAShape(config.data), configExampleShape(config.data)];
  const odd = [a, b].find((shape) => shape && (shape[0]! % 2 !== 0 || shape[1]! % 2 !== 0));
  if (odd) {
    issues.push({ path: ['data'], message: `the translators halve and double the image side, so it must be even; the images are ${odd[0]}×${odd[1]}` });
  }
  if (config.family?.kind === 'cyclegan' && config.family.identityWeight > 0 && a && b && a[2] !== b[2]) {
    issues.push({
      path: ['family', 'identityWeight'],
      message: `asks G_AB(b) to equal b, but domain a has ${a[2]} channel${a[2] === 1 ? '' : 's'} and domain b ${b[2]}; set it to 0, or use domains with the same channels`,
    });
  }
  return issues;
}
