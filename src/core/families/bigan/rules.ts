import type { GanConfig } from '../../config/schema';
import type { ConfigIssue } from '../../errors';

/** What a BiGAN config cannot combine with, each with the reason and what to do. */
export function biganIssues({ model, regularizers, training }: GanConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const refuse = (path: (string | number)[], why: string) => issues.push({ path, message: `the bigan family ${why}; remove it` });
  if (model.conditional) refuse(['model', 'conditional'], 'learns from unlabelled data: its encoder finds the structure labels would give');
  if (model.infogan) refuse(['model', 'infogan'], 'already learns an inverse of G (the encoder), which InfoGAN\'s Q head would duplicate');
  if (model.discriminator.minibatchDiscrimination) {
    refuse(['model', 'discriminator', 'minibatchDiscrimination'], 'judges (x, z) pairs, and a batch-level feature would let D tell pairs apart by their batch');
  }
  if (regularizers.augmentation) refuse(['regularizers', 'augmentation'], 'pairs each image with its code, and warping the image breaks the pair');
  if (regularizers.instanceNoise) refuse(['regularizers', 'instanceNoise'], 'pairs each image with its code, and noise on one half only would let D tell the pairs apart');
  if (training.generatorEma) {
    refuse(['training', 'generatorEma'], 'reconstructs with G(E(x)), which needs the generator that trained beside the encoder, not an average of it');
  }
  return issues;
}
