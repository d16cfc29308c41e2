import type { GanConfig } from '../config/schema';
import type { ConfigIssue } from '../errors';
import { biganIssues } from './bigan/rules';
import { ganIssues } from './gan/rules';
import { vaeGanIssues, vaeIssues } from './vae/rules';
import { familyKind, type FamilyKind } from './sections';

/** What validation knows of each family without TF.js: its own cross-field rules, and its traits. */
interface FamilyRules {
  readonly issues: (config: GanConfig) => ConfigIssue[];
  /** Whether its evaluation measures something on any data (BiGAN's encoder), not only on mixtures and digits. */
  readonly measuresAnyData: boolean;
  /** Whether a discriminator is trained, so the config's objective is the family's adversarial loss. */
  readonly adversarial: boolean;
}

const rules: { readonly [K in FamilyKind]: FamilyRules } = {
  gan: { issues: ganIssues, measuresAnyData: false, adversarial: true },
  bigan: { issues: biganIssues, measuresAnyData: true, adversarial: true },
  vae: { issues: vaeIssues, measuresAnyData: true, adversarial: false },
  'vae-gan': { issues: vaeGanIssues, measuresAnyData: true, adversarial: true },
};

/** Cross-field problems specific to the config's family. */
export function familyIssues(config: GanConfig): ConfigIssue[] {
  return rules[familyKind(config)].issues(config);
}

export function familyMeasuresAnyData(config: GanConfig): boolean {
  return rules[familyKind(config)].measuresAnyData;
}

export function familyIsAdversarial(config: GanConfig): boolean {
  return rules[familyKind(config)].adversarial;
}
