import { z } from 'zod';

/** β: the KL term's weight (shared by the VAE and VAE-GAN sections). */
export const klWeight = z.number().min(0).max(100).default(1)
  .describe('β: weight of KL(q(z|x) ‖ N(0, I)) beside the reconstruction term (1: the evidence lower bound).');

export const vaeSection = z.strictObject({
  kind: z.literal('vae').describe(
    'Variational autoencoder (Kingma & Welling 2014), the baseline VAE-GAN is compared against: an encoder gives q(z|x) = N(μ, σ²), '
    + 'the generator decodes z, and both minimise reconstruction error in pixels plus β·KL. No discriminator: model.discriminator describes the encoder.'),
  klWeight,
  pixelSigma: z.number().positive().max(10).default(0.3)
    .describe('σ of the Gaussian decoder: the reconstruction term is Σ (x − x̃)² / (2σ²) per example (images span −1…1). '
      + 'Smaller: sharper reconstructions and codes further from the prior.'),
});
