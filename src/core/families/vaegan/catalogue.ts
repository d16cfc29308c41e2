import { outputsAreProbabilities } from '../../objectives/traits';
import { meanDOutputsGroup, type MetricCatalogue } from '../catalogue';

/** VAE-GAN's metrics: the game's losses (the headline), the VAE's terms with the feature error, D's outputs, gradients, gating. */
export function vaeGanCatalogue(objectiveKind: string): MetricCatalogue {
  const probability = outputsAreProbabilities(objectiveKind);
  return {
    headline: ['dLoss', 'gLoss'],
    groups: [
      {
        title: 'Losses', description: 'Discriminator, decoder and encoder losses over steps', logScale: true,
        metrics: [
          { name: 'dLoss', label: 'D loss', short: 'D', network: 'discriminator' },
          { name: 'gLoss', label: 'decoder loss', short: 'Dec', network: 'generator' },
          { name: 'dLossReal', label: 'D loss (real)', network: 'discriminator' },
          { name: 'dLossFake', label: 'D loss (reconstructions and prior samples)', network: 'discriminator' },
          { name: 'decoderAdversarialLoss', label: 'decoder\'s adversarial term', network: 'generator' },
          { name: 'encoderLoss', label: 'encoder loss', network: 'encoder' },
          { name: 'r1Penalty', label: 'R1 penalty', network: 'discriminator' },
        ],
      },
      {
        title: 'VAE terms', logScale: true, description: 'KL term of the encoder and the reconstruction error in D\'s features over steps, per example',
        metrics: [
          { name: 'featureReconstructionLoss', label: 'reconstruction in D\'s features', network: 'encoder' },
          { name: 'klLoss', label: 'KL(q(z|x) ‖ p(z))', network: 'encoder' },
        ],
      },
      meanDOutputsGroup('Mean D outputs', 'Mean discriminator output on real digits and on prior samples over steps', ['D(x)', 'D(decoder(z_p))'], probability),
      {
        title: 'Gradient norms', description: 'Global norm of each network\'s gradients over steps', logScale: true,
        metrics: [
          { name: 'gradNormD', label: '‖∇D‖', network: 'discriminator' },
          { name: 'gradNormG', label: '‖∇decoder‖', network: 'generator' },
          { name: 'gradNormE', label: '‖∇E‖', network: 'encoder' },
        ],
      },
      {
        title: 'Equilibrium gating', description: 'Whether D and the decoder updated at each step (1) or were held (0)', logScale: false,
        metrics: [
          { name: 'discriminatorUpdated', label: 'D updated', network: 'discriminator' },
          { name: 'decoderUpdated', label: 'decoder updated', network: 'generator' },
        ],
      },
    ],
  };
}
