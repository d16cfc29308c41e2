import { outputsAreProbabilities } from '../../objectives/traits';
import { meanDOutputsGroup, type MetricCatalogue } from '../catalogue';


/** The GAN's metrics: losses and their parts, D's mean outputs, both gradient norms and the instance noise's σ. */
export function ganCatalogue(objectiveKind: string): MetricCatalogue {
  const probability = outputsAreProbabilities(objectiveKind);
  return {
    headline: ['dLoss', 'gLoss'],
    groups: [
      {
        title: 'Losses', description: 'Discriminator and generator losses over steps', logScale: true,
        metrics: [
          { name: 'dLoss', label: 'D loss', short: 'D', network: 'discriminator' },
          { name: 'gLoss', label: 'G loss', short: 'G', network: 'generator' },
          { name: 'dLossReal', label: 'D loss (real)', network: 'discriminator' },
          { name: 'dLossFake', label: 'D loss (fake)', network: 'discriminator' },
          { name: 'gradientPenalty', label: 'gradient penalty', network: 'discriminator' },
          { name: 'r1Penalty', label: 'R1 penalty', network: 'discriminator' },
          { name: 'infoLoss', label: 'InfoGAN −log Q(c|x)', network: 'discriminator' },
        ],
      },
      meanDOutputsGroup('Mean D outputs: D(x) and D(G(z))', 'Mean discriminator output on real and generated data over steps', ['D(x)', 'D(G(z))'], probability),
      {
        title: 'Gradient norms', description: 'Global norm of each network\'s gradients over steps', logScale: true,
        metrics: [
          { name: 'gradNormD', label: '‖∇D‖', network: 'discriminator' },
          { name: 'gradNormG', label: '‖∇G‖', network: 'generator' },
        ],
      },
      {
        title: 'Instance noise', description: 'Standard deviation of the instance noise added to D\'s inputs over steps', logScale: false,
        metrics: [{ name: 'instanceNoiseSigma', label: 'σ' }],
      },
    ],
  };
}
