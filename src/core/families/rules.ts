import type { GanConfig } from '../config/schema';
import type { ConfigIssue } from '../errors';
import { biganIssues } from './bigan/rules';
import { familyKind, type FamilyKind } from './sections';

const rules: { readonly [K in FamilyKind]: (config: GanConfig) => ConfigIssue[] } = {
  gan: () => [],
  bigan: biganIssues,
};

/** Cross-field problems specific to the config's family. */
export function familyIssues(config: GanConfig): ConfigIssue[] {
  return rules[familyKind(config)](config);
}
