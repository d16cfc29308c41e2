import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GAN_CONFIG_SCHEMA_ID, renderGanConfigJsonSchema } from '../../src/core/config/jsonSchema';
import type { JsonSchema } from '../../src/core/config/jsonSchema';

const committed = readFileSync(join(__dirname, '..', '..', 'schemas', 'gan-config.schema.json'), 'utf8');

test('the committed JSON Schema is exactly what the zod schema generates (run scripts/gen-schema.ts)', () => {
  assert.equal(committed, renderGanConfigJsonSchema());
  assert.equal(renderGanConfigJsonSchema(), renderGanConfigJsonSchema());
});

test('the JSON Schema is draft-07 with an id, every section, and no unknown fields anywhere', () => {
  const schema = JSON.parse(committed) as JsonSchema;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.$id, GAN_CONFIG_SCHEMA_ID);
  assert.equal(typeof schema.title, 'string');
  assert.deepEqual(Object.keys(schema.properties ?? {}), [
    '$schema', 'configVersion', 'name', 'seed', 'family', 'data', 'model', 'objective', 'regularizers',
    'training', 'logging', 'samples', 'checkpoints', 'evaluation', 'backend',
  ]);
  assert.deepEqual(schema.required, ['name', 'data']);
  const objects = collectObjects(schema);
  assert.ok(objects.length > 20, `only ${objects.length} object schemas`);
  for (const [path, node] of objects) assert.equal(node.additionalProperties, false, path);
});

test('every field has a description for editor hovers, and safe-integer noise is gone', () => {
  const schema = JSON.parse(committed) as JsonSchema;
  for (const [path, node] of collectObjects(schema)) {
    for (const [field, fieldSchema] of Object.entries(node.properties ?? {})) {
      assert.ok(typeof fieldSchema === 'object' && fieldSchema.description, `${path}.${field} has no description`);
    }
  }
  assert.doesNotMatch(committed, new RegExp(String(Number.MAX_SAFE_INTEGER)));
});

/** Every object-typed schema node with its path, through properties, union members and items. */
function collectObjects(node: JsonSchema, path = '$'): [string, JsonSchema][] {
  const found: [string, JsonSchema][] = node.type === 'object' ? [[path, node]] : [];
  const children: [string, unknown][] = [
    ...Object.entries(node.properties ?? {}).map(([key, child]): [string, unknown] => [`${path}.${key}`, child]),
    ...(node.oneOf ?? node.anyOf ?? []).map((child, index): [string, unknown] => [`${path}|${index}`, child]),
    [`${path}[]`, node.items],
  ];
  for (const [childPath, child] of children) {
    if (child && typeof child === 'object' && !Array.isArray(child)) found.push(...collectObjects(child as JsonSchema, childPath));
  }
  return found;
}
