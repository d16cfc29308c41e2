import { configExampleShape } from '../../config/dataFit';
import type { GanConfig } from '../../config/schema';
import type { ConfigIssue } from '../../errors';
import { reconstructingRefusals, refusedFields, type Refusal } from '../shared/refusals';

const penalty = 'trains its conditional patch critic without input-gradient penalties';
const refusals: readonly Refusal[] = [
  ...reconstructingRefusals.filter(({ path }) => path[0] !== 'training'),
  { path: ['training', 'generatorEma'], set: ({ training }) => training.generatorEma !== undefined, why: 'translates with the generator it trains, not an average of it' },
  { path: ['model', 'discriminator', 'minibatchDiscrimination'], set: ({ model }) => model.discriminator.minibatchDiscrimination !== undefined, why: 'builds its own conditional PatchGAN' },
  { path: ['regularizers', 'gradientPenalty'], set: ({ regularizers }) => regularizers.gradientPenalty !== undefined, why: penalty },
  { path: ['regularizers', 'r1'], set: ({ regularizers }) => regularizers.r1 !== undefined, why: penalty },
  { path: ['objective', 'kind'], set: ({ objective }) => objective.kind === 'wasserstein', why: 'has no Lipschitz constraint on its critic for the wasserstein loss; use non-saturating (the paper\'s) or least-squares' },
];

/** What a pix2pix config cannot combine with: unpaired data, and images its U-Net cannot halve `depth` times. */
export function pix2pixIssues(config: GanConfig): ConfigIssue[] {
  const issues = refusedFields('pix2pix', refusals, config);
  if (config.data.kind === 'domains' && !config.data.paired) {
    issues.push({ path: ['data', 'paired'], message: 'the pix2pix family learns from pairs (a, b); set data.paired: true, or use family.kind cyclegan for unpaired domains' });
  }
  const shape = configExampleShape(config.data);
  if (config.family?.kind === 'pix2pix' && shape) {
    const step = 2 ** config.family.generator.depth;
    if (shape[0]! % step !== 0 || shape[1]! % step !== 0) {
      issues.push({
        path: ['family', 'generator', 'depth'],
        message: `the U-Net halves the image side ${config.family.generator.depth} times, so it must divide by ${step}, but the images are ${shape[0]}×${shape[1]}; use a smaller depth`,
      });
    }
  }
  return issues;
}
