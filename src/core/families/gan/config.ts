import { z } from 'zod';

/** The plain GAN has no section of its own: model, objective and regularizers describe it. */
export const ganSection = z.strictObject({
  kind: z.literal('gan').describe('One generator against one discriminator (the default).'),
});
