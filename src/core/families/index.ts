import type { GanConfig } from '../config/schema';
import type { Family } from './family';
import { biganFamily } from './bigan/family';
import { cycleGanFamily } from './cyclegan/family';
import { dannFamily } from './dann/family';
import { ganFamily } from './gan/family';
import { pix2pixFamily } from './pix2pix/family';
import { tripleGanFamily } from './triplegan/family';
import { vaeFamily } from './vae/family';
import { vaeGanFamily } from './vaegan/family';
import { familyKind, type FamilyKind } from './sections';

/** Every family's runtime, by the kind its config section names. */
const families: { readonly [K in FamilyKind]: Family } = {
  gan: ganFamily,
  bigan: biganFamily,
  vae: vaeFamily,
  'vae-gan': vaeGanFamily,
  cyclegan: cycleGanFamily,
  pix2pix: pix2pixFamily,
  'triple-gan': tripleGanFamily,
  dann: dannFamily,
};

export function familyOf(config: GanConfig): Family {
  return families[familyKind(config)];
}
