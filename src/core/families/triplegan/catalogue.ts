import { outputsAreProbabilities } from '../../objectives/traits';
import { instanceNoiseGroup, meanDOutputsGroup, type MetricCatalogue } from '../catalogue';

/** Triple-GAN's metrics: the three players' losses with C's terms, the baseline's, D's mean output on each kind of pair, gradient norms. */
export function tripleGanCatalogue(objectiveKind: string): MetricCatalogue {
  const probability = outputsAreProbabilities(objectiveKind);
  const dOutputs = meanDOutputsGroup('Mean D outputs on pairs', 'Mean discriminator output on labelled, generated and pseudo-labelled pairs over steps',
    ['D(x, y) labelled', 'D(G(z, y), y)'], probability);
  return {
    headline: ['dLoss', 'gLoss'],
    groups: [
      {
        title: 'Adversarial losses', description: 'Discriminator and generator losses over steps', logScale: true,
        metrics: [
          { name: 'dLoss', label: 'D loss', short: 'D', network: 'discriminator' },
          { name: 'gLoss', label: 'G loss', short: 'G', network: 'generator' },
          { name: 'dLossReal', label: 'D loss on labelled pairs', network: 'discriminator' },
          { name: 'dLossFake', label: 'D loss on G\'s and C\'s pairs', network: 'discriminator' },
        ],
      },
      {
        title: 'Classifier losses', description: 'The classifier\'s loss and its terms over steps, beside the baseline classifier\'s loss', logScale: true,
        explanation: 'C learns from the few labels (supervised cross-entropy, the baseline\'s only term), from making D accept its '
          + 'pseudo-labelled pairs (adversarial), and, once G draws digits, from G\'s pairs as extra labelled data (pseudo-label). '
          + 'A baseline loss falling to zero while its test accuracy stalls is it memorising its few labels; the dashboard\'s '
          + 'evaluation chart shows both classifiers\' held-out accuracy.',
        metrics: [
          { name: 'cLoss', label: 'C loss', short: 'C', network: 'classifier' },
          { name: 'supervised', label: 'C: cross-entropy on labels', network: 'classifier' },
          { name: 'adversarial', label: 'C: pseudo-labelled pairs judged fake', network: 'classifier' },
          { name: 'pseudoLabel', label: 'C: cross-entropy on G\'s pairs', network: 'classifier' },
          { name: 'entropy', label: 'C: entropy on unlabelled digits', network: 'classifier' },
          { name: 'consistency', label: 'C: consistency on warped unlabelled digits', network: 'classifier' },
          { name: 'baselineLoss', label: 'baseline: cross-entropy on labels', network: 'baseline' },
        ],
      },
      { ...dOutputs, metrics: [...dOutputs.metrics, { name: 'dPseudo', label: 'D(x, C(x)) unlabelled', network: 'discriminator', probability }] },
      {
        title: 'Gradient norms', description: 'Global norm of each player\'s gradients over steps', logScale: true,
        metrics: [
          { name: 'gradNormD', label: '‖∇D‖', network: 'discriminator' },
          { name: 'gradNormG', label: '‖∇G‖', network: 'generator' },
          { name: 'gradNormC', label: '‖∇C‖', network: 'classifier' },
          { name: 'gradNormBaseline', label: '‖∇baseline‖', network: 'baseline' },
        ],
      },
      instanceNoiseGroup,
    ],
  };
}
