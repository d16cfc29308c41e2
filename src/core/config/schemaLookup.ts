import type { JsonSchema } from './jsonSchema';
import type { FieldPath } from './sourceMap';

/**
 * Looks up what the schema allows at a field path, so messages can list allowed fields and bounds.
 * Walks the generated JSON Schema (the same document editors see), choosing each `kind` union's
 * member by the kind the input names.
 */

/** The schema node at `path`; a union stays unresolved (see `memberFor`). */
export function schemaNodeAt(root: JsonSchema, path: FieldPath, input: unknown): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  let value = input;
  for (const segment of path) {
    node = node && memberFor(node, value);
    const next: unknown = typeof segment === 'number' ? node?.items : node?.properties?.[segment];
    node = isSchema(next) ? next : undefined;
    value = valueAt(value, [segment]);
  }
  return node;
}

/** For a `kind` union, the member whose kind `value` names (undefined if none); other nodes as they are. */
export function memberFor(node: JsonSchema, value: unknown): JsonSchema | undefined {
  const members = unionMembers(node);
  if (!members.length) return node;
  const kind = valueAt(value, ['kind']);
  return members.find((member) => kindOf(member) === kind);
}

export function unionMembers(node: JsonSchema): readonly JsonSchema[] {
  return node.oneOf ?? node.anyOf ?? [];
}

/** The `kind` constant a union member is chosen by. */
export function kindOf(member: JsonSchema): string | undefined {
  const kind = member.properties?.['kind'];
  return isSchema(kind) && typeof kind.const === 'string' ? kind.const : undefined;
}

export function fieldNames(node: JsonSchema): string[] {
  return Object.keys(node.properties ?? {});
}

/** The input's value at `path`, undefined where the path leaves the data. */
export function valueAt(input: unknown, path: FieldPath): unknown {
  let value = input;
  for (const segment of path) {
    // Own properties only: a key such as `constructor` must not find Object.prototype's.
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
