import { outputsAreProbabilities } from '../../objectives/traits';
import { meanDOutputsGroup, type MetricCatalogue, type MetricSpec } from '../catalogue';

/** CycleGAN's metrics: both directions' adversarial and cycle terms, the critics' losses, their mean outputs, gradient norms. */
export function cycleGanCatalogue(objectiveKind: string, identity: boolean): MetricCatalogue {
  const probability = outputsAreProbabilities(objectiveKind);
  const identityTerm: MetricSpec[] = identity ? [{ name: 'identity', label: '‖G_AB(b) − b‖₁ + ‖G_BA(a) − a‖₁', network: 'generator' }] : [];
  return {
    headline: ['dLoss', 'gLoss'],
    groups: [
      {
        title: 'Losses', description: 'The critics\' and the generators\' losses over steps, each direction\'s terms beside them', logScale: true,
        explanation: 'G loss sums both generators\' adversarial terms and λ times both cycle errors; D loss is half the sum of D_A\'s and D_B\'s. '
          + 'A translation game does not settle to a value: losses that stay bounded are healthy (Zhu et al.: "fine as long as they do not explode").',
        metrics: [
          { name: 'dLoss', label: 'D loss (D_A + D_B) / 2', short: 'D', network: 'discriminator' },
          { name: 'gLoss', label: 'G loss (both directions)', short: 'G', network: 'generator' },
          { name: 'dLossA', label: 'D_A loss: a against G_BA(b)', network: 'discriminator' },
          { name: 'dLossB', label: 'D_B loss: b against G_AB(a)', network: 'discriminator' },
          { name: 'adversarialAB', label: 'G_AB fooling D_B', network: 'generator' },
          { name: 'adversarialBA', label: 'G_BA fooling D_A', network: 'generator' },
        ],
      },
      {
        title: 'Cycle consistency', description: 'Mean L1 error of each round trip over steps', logScale: true,
        explanation: 'How far a → G_AB → G_BA lands from a (and b → G_BA → G_AB from b), per pixel on the [-1, 1] scale. It should fall fast and stay low. '
          + 'Very low while translations look wrong means the generators hide the source in faint signal (steganography); the evaluation\'s noise check tells.',
        metrics: [
          { name: 'cycleA', label: '‖G_BA(G_AB(a)) − a‖₁', network: 'generator' },
          { name: 'cycleB', label: '‖G_AB(G_BA(b)) − b‖₁', network: 'generator' },
          ...identityTerm,
        ],
      },
      meanDOutputsGroup('Mean D outputs', 'Mean output of both critics on real and on translated images over steps', ['D(real), both domains', 'D(translated), both domains'], probability),
      {
        title: 'Gradient norms', description: 'Global norm of each player\'s gradients over steps', logScale: true,
        metrics: [
          { name: 'gradNormD', label: '‖∇(D_A, D_B)‖', network: 'discriminator' },
          { name: 'gradNormG', label: '‖∇(G_AB, G_BA)‖', network: 'generator' },
        ],
      },
    ],
  };
}
