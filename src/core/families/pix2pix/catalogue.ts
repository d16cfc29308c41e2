import { outputsAreProbabilities } from '../../objectives/traits';
import { meanDOutputsGroup, type MetricCatalogue } from '../catalogue';

/** pix2pix's metrics: G's loss with its L1 and adversarial terms, D's (when it has one), D's mean outputs, gradient norms. */
export function pix2pixCatalogue(objectiveKind: string, adversarial: boolean): MetricCatalogue {
  const probability = outputsAreProbabilities(objectiveKind);
  const generator = { name: 'gLoss', label: 'G loss (λ·L1 + adversarial)', short: 'G', network: 'generator' };
  if (!adversarial) {
    return {
      headline: ['l1', 'gLoss'],
      groups: [
        {
          title: 'Losses', description: 'The generator\'s L1 error on training pairs over steps (no discriminator: L1 alone)', logScale: true,
          metrics: [{ name: 'l1', label: '‖b − G(a)‖₁', short: 'L1', network: 'generator' }, { ...generator, label: 'G loss (λ·L1)' }],
        },
        { title: 'Gradient norms', description: 'Global norm of the generator\'s gradients over steps', logScale: true, metrics: [{ name: 'gradNormG', label: '‖∇G‖', network: 'generator' }] },
      ],
    };
  }
  return {
    headline: ['dLoss', 'gLoss'],
    groups: [
      {
        title: 'Losses', description: 'Discriminator and generator losses over steps, with G\'s L1 and adversarial terms', logScale: true,
        explanation: 'G\'s loss is λ times its L1 error against the paired b plus how well it fools D on (a, G(a)). L1 alone gives blurry, '
          + 'averaged outputs; the adversarial term pushes them to look like real b for their a.',
        metrics: [
          { name: 'dLoss', label: 'D loss', short: 'D', network: 'discriminator' },
          generator,
          { name: 'l1', label: '‖b − G(a)‖₁', network: 'generator' },
          { name: 'adversarial', label: 'G fooling D on (a, G(a))', network: 'generator' },
          { name: 'dLossReal', label: 'D loss on (a, b)', network: 'discriminator' },
          { name: 'dLossFake', label: 'D loss on (a, G(a))', network: 'discriminator' },
        ],
      },
      meanDOutputsGroup('Mean D outputs', 'Mean discriminator output on real and on generated pairs over steps', ['D(a, b)', 'D(a, G(a))'], probability),
      {
        title: 'Gradient norms', description: 'Global norm of each player\'s gradients over steps', logScale: true,
        metrics: [
          { name: 'gradNormD', label: '‖∇D‖', network: 'discriminator' },
          { name: 'gradNormG', label: '‖∇G‖', network: 'generator' },
        ],
      },
    ],
  };
}
