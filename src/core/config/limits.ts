import type { ConfigIssue } from '../errors';

// What validating one config may cost, whoever wrote it: the editor validates as the user types,
// on the extension host's thread, so a hostile file in a workspace must not be able to stall it.

/** A real config is a few KB; a megabyte leaves room for long comments and keeps a parse well under a second. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** The deepest field of a config is five levels down; deeper input is refused before its values are built and checked (both recurse). */
export const MAX_CONFIG_DEPTH = 64;
export const NESTED_TOO_DEEP = `the config is nested more than ${MAX_CONFIG_DEPTH} levels deep; a config needs only a few`;

/** YAML aliases a config may expand (the yaml package's default, stated): anchors for a shared optimizer need a handful. */
export const MAX_ALIAS_COUNT = 100;

/** Problems listed one by one; the rest are counted. More than a real config has, and a screenful to read. */
export const MAX_LISTED_ISSUES = 20;

/**
 * The first MAX_LISTED_ISSUES issues (ordered as they appear in the text), then one saying how many
 * more there are (of `total`, when only the first few were made), placed where the first of those is.
 */
export function listedIssues(issues: readonly ConfigIssue[], total = issues.length): ConfigIssue[] {
  const firstUnlisted = issues[MAX_LISTED_ISSUES];
  if (!firstUnlisted) return [...issues];
  const { path: _path, message: _message, ...position } = firstUnlisted;
  const rest = total - MAX_LISTED_ISSUES;
  return [...issues.slice(0, MAX_LISTED_ISSUES), { path: [], message: `…and ${rest} more problems, not listed; fix the ones above first`, ...position }];
}
