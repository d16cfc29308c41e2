import { outputsAreProbabilities } from '../../objectives/traits';
import { meanDOutputsGroup, type MetricCatalogue } from '../catalogue';

/** BiGAN's metrics: D's loss and the joint E+G loss with their terms, D's mean output on each kind of pair, gradient norms. */
export function biganCatalogue(objectiveKind: string): MetricCatalogue {
  const probability = outputsAreProbabilities(objectiveKind);
  return {
    headline: ['dLoss', 'gLoss'],
    groups: [
      {
        title: 'Losses', description: 'Discriminator loss and the joint encoder and generator loss over steps', logScale: true,
        metrics: [
          { name: 'dLoss', label: 'D loss', short: 'D', network: 'discriminator' },
          { name: 'gLoss', label: 'E+G loss', short: 'EG', network: 'generator' },
          { name: 'dLossReal', label: 'D loss on (x, E(x))', network: 'discriminator' },
          { name: 'dLossFake', label: 'D loss on (G(z), z)', network: 'discriminator' },
          { name: 'encoderTerm', label: 'E\'s term (x, E(x)) judged generated', network: 'encoder' },
          { name: 'generatorTerm', label: 'G\'s term (G(z), z) judged encoded', network: 'generator' },
          { name: 'gradientPenalty', label: 'gradient penalty', network: 'discriminator' },
          { name: 'r1Penalty', label: 'R1 penalty', network: 'discriminator' },
        ],
      },
      meanDOutputsGroup('Mean D outputs on pairs', 'Mean discriminator output on encoded and generated pairs over steps', ['D(x, E(x))', 'D(G(z), z)'], probability),
      {
        title: 'Gradient norms', description: 'Global norm of each player\'s gradients over steps', logScale: true,
        metrics: [
          { name: 'gradNormD', label: '‖∇D‖', network: 'discriminator' },
          { name: 'gradNormG', label: '‖∇(E, G)‖', network: 'generator' },
        ],
      },
    ],
  };
}
