import { z } from 'zod';

export const biganSection = z.strictObject({
  kind: z.literal('bigan').describe(
    'BiGAN / ALI (Donahue et al. 2017, Dumoulin et al. 2017): an encoder E: x → z learns beside G, and D judges pairs, '
    + '(x, E(x)) against (G(z), z). E has the discriminator\'s architecture with a linear z head; E and G train together against D.'),
});
