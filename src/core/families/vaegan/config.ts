import { z } from 'zod';
import { klWeight } from '../vae/config';

export const vaeGanSection = z.strictObject({
  kind: z.literal('vae-gan').describe(
    'VAE-GAN (Larsen et al. 2016): a VAE whose reconstruction error is measured in the discriminator\'s features, not in pixels, '
    + 'and whose decoder also learns to fool D on reconstructions and prior samples. The encoder has the discriminator\'s architecture.'),
  klWeight,
  featureWeight: z.number().min(0).max(1000).default(0.01)
    .describe('γ: weight of the feature reconstruction error in the decoder\'s loss beside fooling D (Larsen et al.\'s recon_vs_gan_weight).'),
  reconstructionsAsFakes: z.boolean().default(true)
    .describe('D learns to reject reconstructions x̃ as well as prior samples x_p (the original); off, prior samples only.'),
  equilibrium: z.strictObject({
    margin: z.number().positive().max(0.68).default(0.4).describe('How far D\'s real or fake loss may stray from ln 2 ≈ 0.68 before an update is skipped.'),
  }).optional().describe('The original\'s equilibrium gating: skip D\'s update while D wins (a loss below 0.68 − margin), '
    + 'the decoder\'s while D loses (a loss above 0.68 + margin). Judged on the previous step\'s losses.'),
});
