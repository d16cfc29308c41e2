import { createHash } from 'node:crypto';
import { ganConfigJsonSchema } from './jsonSchema';
import type { JsonSchema } from './jsonSchema';
import type { GanConfig } from './schema';
import { memberFor } from './schemaLookup';

/**
 * Identifies what a config trains, independent of how it was written: key order, formatting,
 * comments and defaults spelt out or left implicit all hash alike. Fields at their defaults are left
 * out of the hash, so a later GAN Studio that adds a defaulted setting gives an older run's config
 * the same hash, and `--resume` still accepts it. `$schema` is an editor hint.
 */
export function configHash(config: GanConfig): string {
  const { $schema: _editorHint, ...trained } = config;
  const shown = withoutDefaults(trained, ganConfigJsonSchema());
  return createHash('sha256').update(canonicalJson(shown)).digest('hex').slice(0, 16);
}

/**
 * The value with every field equal to its schema default removed, at every level. A field with no
 * default (an optional section such as `regularizers.r1`) stays even when empty: `r1: {}` turns R1
 * on, so it must not hash like a config without it.
 */
export function withoutDefaults(value: unknown, node: JsonSchema | undefined): unknown {
  const schema = node && memberFor(node, value);
  if (Array.isArray(value)) {
    const items = schema && isSchema(schema.items) ? schema.items : undefined;
    return value.map((item) => withoutDefaults(item, items));
  }
  if (value === null || typeof value !== 'object') return value;
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const child = schema?.properties?.[key];
    const fieldSchema = isSchema(child) ? child : undefined;
    const pruned = withoutDefaults(field, fieldSchema);
    // A default is written as input (`model: {kind: mlp}`): compare both sides with their own defaults removed.
    if (fieldSchema?.default !== undefined && canonicalJson(pruned) === canonicalJson(withoutDefaults(fieldSchema.default, fieldSchema))) continue;
    kept[key] = pruned;
  }
  return kept;
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

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
