import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ganConfigJsonSchema } from '../../src/core/config/jsonSchema';
import { renderConfigReference } from '../../scripts/configReference';

test('docs/config-reference.md is what the schema generates (run scripts/gen-schema.ts)', () => {
  const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'config-reference.md'), 'utf8');
  const generated = renderConfigReference(ganConfigJsonSchema());
  assert.equal(committed, generated);
  // Every data kind, model kind and objective is documented with its fields.
  for (const heading of ['data.kind: ring', 'data.kind: folder', 'model.kind: dcgan', 'objective.kind: wasserstein']) {
    assert.match(generated, new RegExp(`### \`${heading}\``));
  }
  assert.match(generated, /\| `regularizers\.gradientPenalty\.weight` \| number/);
});
