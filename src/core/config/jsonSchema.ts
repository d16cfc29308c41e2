import { z } from 'zod';
import { ganConfigSchema } from './schema';

export type JsonSchema = z.core.JSONSchema.JSONSchema;

/** A URN rather than a URL: the schema ships inside the extension, nothing is served from the web. */
export const GAN_CONFIG_SCHEMA_ID = 'urn:gan-studio:schema:gan-config';

let generated: JsonSchema | undefined;

/**
 * The JSON Schema editors validate `*.gan.yaml` / `*.gan.json` with, derived from the zod schema so
 * the two cannot disagree. Input side (`io: 'input'`): fields with defaults are optional. Draft-07
 * because both VS Code's JSON service and the YAML extension support it fully. Shared, do not mutate.
 */
export function ganConfigJsonSchema(): Readonly<JsonSchema> {
  generated ??= generate();
  return generated;
}

/** The text of `schemas/gan-config.schema.json`: stable key order and a final newline. */
export function renderGanConfigJsonSchema(): string {
  return `${JSON.stringify(ganConfigJsonSchema(), null, 2)}\n`;
}

function generate(): JsonSchema {
  const { $schema, ...body } = z.toJSONSchema(ganConfigSchema, {
    io: 'input',
    target: 'draft-07',
    override: ({ jsonSchema }) => dropSafeIntegerBounds(jsonSchema),
  });
  return { ...($schema === undefined ? {} : { $schema }), $id: GAN_CONFIG_SCHEMA_ID, title: 'GAN Studio experiment config', ...body };
}

/** `z.int()` implies ±(2^53 − 1) bounds; they only clutter editor hovers and error messages. */
function dropSafeIntegerBounds(node: JsonSchema): void {
  if (node.maximum === Number.MAX_SAFE_INTEGER) delete node.maximum;
  if (node.minimum === Number.MIN_SAFE_INTEGER) delete node.minimum;
}
