import { outputsAreProbabilities } from '../../objectives/traits';
import { instanceNoiseGroup, meanDOutputsGroup, type MetricCatalogue } from '../catalogue';


/** The GAN's metrics: losses and their parts, D's mean outputs, both gradient norms and the instance noise's σ. */
export function ganCatalogue(objectiveKind: string): MetricCatalogue {
  const probability = outputsAreProbabilities(objectiveKind);
  return {
    headline: ['dLoss', 'gLoss'],
    groups: [
      {
        title: 'Losses', description: 'Discriminator and generator losses over steps', logScale: true,
        explanation: 'D\'s loss says how well D tells real data from G\'s samples; G\'s loss, how well G fools D. Unlike a '
          + 'classifier\'s, they do not fall to zero together: in a healthy game they settle and hover (with the logistic losses, D near '
          + '2·log 2 ≈ 1.39 when it can only guess, G near log 2 ≈ 0.69). D\'s loss falling towards 0 while G\'s climbs means D is winning. '
          + 'Dashed rules mark where a failure mode was raised; smoothing (0.6) averages the noise of single batches.',
        metrics: [
          { name: 'dLoss', label: 'D loss', short: 'D', network: 'discriminator' },
          { name: 'gLoss', label: 'G loss', short: 'G', network: 'generator' },
          { name: 'dLossReal', label: 'D loss (real)', network: 'discriminator' },
          { name: 'dLossFake', label: 'D loss (fake)', network: 'discriminator' },
          { name: 'gradientPenalty', label: 'gradient penalty', network: 'discriminator' },
          { name: 'r1Penalty', label: 'R1 penalty', network: 'discriminator' },
          { name: 'infoLoss', label: 'InfoGAN −log Q(c|x)', network: 'discriminator' },
          { name: 'realConsistency', label: 'IMSAT loss on real images', network: 'discriminator' },
          { name: 'realAugmentationCrossEntropy', label: 'Q: augmented vs clean real', network: 'discriminator' },
          { name: 'realConditionalEntropy', label: 'Q: H(Y|X) on real', network: 'discriminator' },
          { name: 'realMarginalEntropy', label: 'Q: H(Y) on real', network: 'discriminator' },
        ],
      },
      meanDOutputsGroup('Mean D outputs: D(x) and D(G(z))', 'Mean discriminator output on real and generated data over steps', ['D(x)', 'D(G(z))'], probability),
      {
        title: 'Gradient norms', description: 'Global norm of each network\'s gradients over steps', logScale: true,
        explanation: 'How large each network\'s update is at each step. G\'s norm collapsing towards 0 while D is confident is the '
          + 'vanishing-gradient failure (G no longer learns); norms that keep growing are divergence.',
        metrics: [
          { name: 'gradNormD', label: '‖∇D‖', network: 'discriminator' },
          { name: 'gradNormG', label: '‖∇G‖', network: 'generator' },
        ],
      },
      instanceNoiseGroup,
    ],
  };
}
