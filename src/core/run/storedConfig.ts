import { z } from 'zod';
import { migrateConfig } from '../config/configVersion';
import { ganConfigSchema } from '../config/schema';

/** A config as stored by any GAN Studio so far: migrated to today's version, then validated. */
const migratedConfigSchema = z.preprocess((input, ctx) => {
  const migrated = migrateConfig(input);
  if (migrated.ok) return migrated.config;
  ctx.issues.push({ code: 'custom', message: migrated.message, input, path: ['configVersion'] });
  return z.NEVER;
}, ganConfigSchema);

/**
 * config.json: the resolved config (every default filled in) and its hash. Read back through the
 * config schema itself, so a run folder's config is held to the same rules as a config file, and a
 * run from before a setting existed opens with that setting's default.
 */
export const storedConfigSchema = z.object({
  hash: z.string(),
  configFile: z.string().exactOptional(),
  config: migratedConfigSchema,
}).readonly();
export type StoredConfig = z.output<typeof storedConfigSchema>;
