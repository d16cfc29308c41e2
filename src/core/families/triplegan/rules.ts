import type { GanConfig } from '../../config/schema';
import type { ConfigIssue } from '../../errors';
import { refusedFields, type Refusal } from '../shared/refusals';

const refused = (path: readonly string[], set: (config: GanConfig) => boolean, why: string): Refusal => ({ path, set, why });

/** What Triple-GAN cannot combine with: its G and D are the model section's, conditional; its C reads labelled images. */
export function tripleGanIssues(config: GanConfig): ConfigIssue[] {
  const { data, model } = config;
  if (data.kind !== 'mnist' && data.kind !== 'folder' && data.kind !== 'idx') {
    return [{ path: ['data', 'kind'], message: 'the triple-gan family classifies labelled images; use mnist, a folder with one subfolder per class, or idx with labels' }];
  }
  const issues: ConfigIssue[] = [];
  if (data.kind === 'idx' && data.labels === undefined) {
    issues.push({ path: ['data', 'labels'], message: 'the triple-gan family keeps some labels and tests on the rest; name the labels IDX file' });
  }
  if (model.conditional === undefined) {
    issues.push({ path: ['model', 'conditional'], message: 'the triple-gan family\'s G draws a given class and its D judges (x, y) pairs; add conditional: {} to model' });
  }
  return [...issues, ...refusedFields('triple-gan', [
    refused(['model', 'infogan'], ({ model: m }) => m.infogan !== undefined, 'conditions G on labels, not on InfoGAN\'s codes'),
    refused(['model', 'discriminator', 'packing'], ({ model: m }) => m.discriminator.packing !== undefined, 'judges each (x, y) pair on its own'),
    ...(['gradientPenalty', 'r1'] as const).map((name) => refused(['regularizers', name], ({ regularizers }) => regularizers[name] !== undefined,
      'trains D on three kinds of pair, and the penalty is defined here only for the plain GAN\'s two')),
    refused(['regularizers', 'augmentation'], ({ regularizers }) => regularizers.augmentation !== undefined, 'would show C warped digits as unlabelled data; C and its baseline train on the images as they are'),
    refused(['training', 'generatorEma'], ({ training }) => training.generatorEma !== undefined, 'gives C the pairs of the generator it trains'),
  ], config)];
}
