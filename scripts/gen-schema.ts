// Regenerates schemas/gan-config.schema.json and docs/config-reference.md from the zod schema.
// Unit tests fail when the committed files differ, so run this after every schema change:
//   node --import tsx scripts/gen-schema.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ganConfigJsonSchema, renderGanConfigJsonSchema } from '../src/core/config/jsonSchema';
import { renderConfigReference } from './configReference';

const outputs = {
  [join(__dirname, '..', 'schemas', 'gan-config.schema.json')]: renderGanConfigJsonSchema(),
  [join(__dirname, '..', 'docs', 'config-reference.md')]: renderConfigReference(ganConfigJsonSchema()),
};
for (const [target, text] of Object.entries(outputs)) {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
