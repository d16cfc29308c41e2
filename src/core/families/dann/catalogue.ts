import type { MetricCatalogue } from '../catalogue';

/** DANN's metrics: the three networks' label losses, the domain head's loss and accuracy, λ, gradient norms. */
export const dannCatalogue: MetricCatalogue = {
  headline: ['labelLoss', 'domainLoss'],
  groups: [
    {
      title: 'Label losses', description: 'Cross-entropy on labels over steps: DANN\'s on the source, the source-only network\'s, and the target-trained network\'s', logScale: true,
      explanation: 'DANN\'s label head learns the source\'s labels, as does the source-only network (the same network without the domain '
        + 'head); the target-trained network learns the target\'s labels, which DANN never sees. Their held-out accuracy on the target, '
        + 'in the evaluation chart, is what tells whether adapting helped.',
      metrics: [
        { name: 'labelLoss', label: 'DANN: cross-entropy on source labels', short: 'label', network: 'classifier' },
        { name: 'sourceOnlyLoss', label: 'source-only: cross-entropy on source labels', network: 'source-only' },
        { name: 'targetTrainedLoss', label: 'target-trained: cross-entropy on target labels', network: 'target-trained' },
      ],
    },
    {
      title: 'Domain head loss', description: 'The domain head\'s logistic loss on source and target features over steps', logScale: false,
      explanation: 'The domain head learns to tell source features (0) from target features (1); through the gradient reversal layer, F learns '
        + 'to make that impossible. Success is a loss that rises towards ln 2 ≈ 0.693, the loss of a head that can only guess, and stays '
        + 'flat there: unlike a GAN\'s losses, a flat domain loss near ln 2 is the healthy state, not a stall. A loss falling towards 0 '
        + 'means F\'s features still give the domain away.',
      metrics: [{ name: 'domainLoss', label: 'domain loss', short: 'domain', network: 'domain head' }],
    },
    {
      title: 'Domain head accuracy', description: 'Share of a batch\'s source and target features the domain head places in the right domain', logScale: false,
      explanation: 'Near 50 % (chance) is success: F\'s features no longer say which domain an image came from. Near 100 % means the domains '
        + 'are still apart. Early on, while λ is small, the head learns to separate them; then F catches up.',
      metrics: [{ name: 'domainAccuracy', label: 'domain head accuracy', network: 'domain head', probability: true }],
    },
    {
      title: 'Domain weight λ', description: 'The weight of the reversed gradient F receives from the domain head over steps', logScale: false,
      explanation: 'Ganin et al.\'s schedule raises λ from 0 to its configured value, 2/(1+e^(−10p)) − 1 of it at share p of training, so '
        + 'the domain head learns something before F is pushed against it.',
      metrics: [{ name: 'lambda', label: 'λ' }],
    },
    {
      title: 'Gradient norms', description: 'Global norm of each network\'s gradients over steps', logScale: true,
      metrics: [
        { name: 'gradNormDann', label: '‖∇(F, heads)‖', network: 'classifier' },
        { name: 'gradNormSourceOnly', label: '‖∇source-only‖', network: 'source-only' },
        { name: 'gradNormTargetTrained', label: '‖∇target-trained‖', network: 'target-trained' },
      ],
    },
  ],
};
