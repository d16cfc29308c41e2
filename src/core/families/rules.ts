import { modelSchema } from '../config/modelSchema';
import type { GanConfig } from '../config/schema';
import type { ConfigIssue } from '../errors';
import { biganIssues } from './bigan/rules';
import { cycleGanIssues } from './cyclegan/rules';
import { dannIssues } from './dann/rules';
import { ganIssues } from './gan/rules';
import { pix2pixIssues } from './pix2pix/rules';
import { tripleGanIssues } from './triplegan/rules';
import { vaeGanIssues, vaeIssues } from './vae/rules';
import { familyKind, type FamilyKind } from './sections';

/** What validation knows of each family without TF.js: its own cross-field rules, and its traits. */
interface FamilyRules {
  readonly issues: (config: GanConfig) => ConfigIssue[];
  /** Whether its evaluation measures something on any data (BiGAN's encoder), not only on mixtures and digits. */
  readonly measuresAnyData: boolean;
  /** Whether a discriminator is trained, so the config's objective is the family's adversarial loss. */
  readonly adversarial: boolean;
  /** Whether it learns from two image domains (data kind domains), rather than one dataset. */
  readonly domains: boolean;
  /** Whether it translates between its two domains (`gan-studio translate`), rather than generating one. */
  readonly translates: boolean;
  /** How its networks compute, when it builds its own rather than the model section's (the wasm backend's threads follow it). */
  readonly computeProfile?: 'convolutional' | 'dense';
}

const rules: { readonly [K in FamilyKind]: FamilyRules } = {
  gan: { issues: ganIssues, measuresAnyData: false, adversarial: true, domains: false, translates: false },
  bigan: { issues: biganIssues, measuresAnyData: true, adversarial: true, domains: false, translates: false },
  vae: { issues: vaeIssues, measuresAnyData: true, adversarial: false, domains: false, translates: false },
  'vae-gan': { issues: vaeGanIssues, measuresAnyData: true, adversarial: true, domains: false, translates: false },
  cyclegan: { issues: cycleGanIssues, measuresAnyData: true, adversarial: true, domains: true, translates: true, computeProfile: 'convolutional' },
  pix2pix: { issues: pix2pixIssues, measuresAnyData: true, adversarial: true, domains: true, translates: true, computeProfile: 'convolutional' },
  'triple-gan': { issues: tripleGanIssues, measuresAnyData: true, adversarial: true, domains: false, translates: false },
  dann: { issues: dannIssues, measuresAnyData: true, adversarial: false, domains: true, translates: false, computeProfile: 'convolutional' },
};

const kinds = Object.keys(rules) as FamilyKind[];
/** The families that translate between two domains: what `gan-studio translate` is for. */
export const translatingFamilies = kinds.filter((kind) => rules[kind].translates);
/** The families that learn from two domains: what data kind domains is for. */
const twoDomainFamilies = kinds.filter((kind) => rules[kind].domains);

/** Cross-field problems specific to the config's family, the fit of its data first: two domains where it needs them, one for the rest. */
export function familyIssues(config: GanConfig): ConfigIssue[] {
  const kind = familyKind(config);
  const twoDomains = config.data.kind === 'domains';
  if (rules[kind].domains && !twoDomains) {
    const what = rules[kind].translates ? 'translates between two image domains' : 'adapts from a labelled source domain to a target domain';
    return [{ path: ['data', 'kind'], message: `the ${kind} family ${what}; use data kind domains, with a and b` }];
  }
  if (!rules[kind].domains && twoDomains) {
    return [{ path: ['data', 'kind'], message: `two domains are data for family.kind ${twoDomainFamilies.join(', ')}; the ${kind} family learns one dataset, so use mnist, folder or idx` }];
  }
  // A family with networks of its own reads family.generator / family.discriminator, never the model section.
  if (rules[kind].computeProfile && JSON.stringify(config.model) !== defaultModel) {
    return [{ path: ['model'], message: `the ${kind} family builds its own networks (sized by family.generator and family.discriminator); remove model` }];
  }
  return rules[kind].issues(config);
}

const defaultModel = JSON.stringify(modelSchema.parse({ kind: 'mlp' }));

export function familyMeasuresAnyData(config: GanConfig): boolean {
  return rules[familyKind(config)].measuresAnyData;
}

export function familyIsAdversarial(config: GanConfig): boolean {
  return rules[familyKind(config)].adversarial;
}

/** How the config's networks compute: the family's own, or the model section's network kind. */
export function familyComputeProfile(config: GanConfig): 'convolutional' | 'dense' | undefined {
  return rules[familyKind(config)].computeProfile;
}
