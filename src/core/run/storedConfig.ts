import { z } from 'zod';
import { ganConfigSchema } from '../config/schema';

/**
 * config.json: the resolved config (every default filled in) and its hash. Read back through the
 * config schema itself, so a run folder's config is held to the same rules as a config file, and a
 * run from before a setting existed opens with that setting's default.
 */
export const storedConfigSchema = z.object({
  hash: z.string(),
  configFile: z.string().exactOptional(),
  config: ganConfigSchema,
}).readonly();
export type StoredConfig = z.output<typeof storedConfigSchema>;
