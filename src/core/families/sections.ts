import { z } from 'zod';
import { biganSection } from './bigan/config';
import { cycleGanSection } from './cyclegan/config';
import { dannSection } from './dann/config';
import { ganSection } from './gan/config';
import { pix2pixSection } from './pix2pix/config';
import { tripleGanSection } from './triplegan/config';
import { vaeSection } from './vae/config';
import { vaeGanSection } from './vaegan/config';

/**
 * The families' config sections, without TF.js: the extension host and its validator read this.
 * A family adds its section here, its rules in rules.ts and its runtime in index.ts.
 */
export const familySchema = z.discriminatedUnion('kind', [ganSection, biganSection, vaeSection, vaeGanSection, cycleGanSection, pix2pixSection, tripleGanSection, dannSection]).optional()
  // Optional, not defaulted: a config that leaves it out resolves, and hashes, as before families existed.
  .describe('What is trained: the plain GAN (default) or another family, with its own section (see docs/families.md).');

export type FamilyKind = NonNullable<z.output<typeof familySchema>>['kind'];

export function familyKind(config: { readonly family?: { readonly kind: FamilyKind } | undefined }): FamilyKind {
  return config.family?.kind ?? 'gan';
}
