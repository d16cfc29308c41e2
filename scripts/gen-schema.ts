// Regenerates schemas/gan-config.schema.json from the zod schema. A unit test fails when the
// committed file differs, so run this after every schema change:
//   node --import tsx scripts/gen-schema.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderGanConfigJsonSchema } from '../src/core/config/jsonSchema';

const target = join(__dirname, '..', 'schemas', 'gan-config.schema.json');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, renderGanConfigJsonSchema());
console.log(`wrote ${target}`);
