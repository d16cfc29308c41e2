import type { MetricCatalogue, MetricGroup } from '../catalogue';

/** The VAE's two terms, shown apart (summing or averaging silently changes their balance: both are per-example sums). */
export const vaeTermsGroup: MetricGroup = {
  title: 'VAE terms', description: 'Reconstruction and KL terms of the encoder and decoder over steps, in nats per example', logScale: true,
  metrics: [
    { name: 'reconstructionLoss', label: 'reconstruction', short: 'R', network: 'decoder' },
    { name: 'klLoss', label: 'KL(q(z|x) ‖ p(z))', short: 'KL', network: 'encoder' },
  ],
};

/** The VAE's metrics: its two terms (the headline), their weighted total, and the gradient norm. */
export function vaeCatalogue(): MetricCatalogue {
  return {
    headline: ['reconstructionLoss', 'klLoss'],
    groups: [
      { ...vaeTermsGroup, metrics: [...vaeTermsGroup.metrics, { name: 'vaeLoss', label: 'total (negative ELBO with β)' }] },
      {
        title: 'Gradient norm', description: 'Global norm of the encoder and decoder gradients over steps', logScale: true,
        metrics: [{ name: 'gradNormVae', label: '‖∇(E, decoder)‖' }],
      },
    ],
  };
}
