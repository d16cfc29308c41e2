import { createHash } from 'node:crypto';
import type { GanConfig } from './schema';

/**
 * Identifies what a config trains, independent of how it was written: key order, formatting,
 * comments and defaults spelt out or left implicit all hash alike. `$schema` is an editor hint.
 */
export function configHash(config: GanConfig): string {
  const { $schema: _editorHint, ...trained } = config;
  return createHash('sha256').update(canonicalJson(trained)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted at every level, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
