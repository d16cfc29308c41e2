import { z } from 'zod';

/**
 * The shape of config this GAN Studio reads. A change that would make an older config mean
 * something else, or fail, raises it by one and adds the migration from the version before; a new
 * setting with a default needs neither (the config hash leaves defaults out, see configHash.ts).
 */
export const CONFIG_VERSION = 1;

/** Rewrites a config of version `from` into version `from + 1`, as written (before defaults). */
export interface ConfigMigration {
  readonly from: number;
  /** What changed, for the changelog and the docs. */
  readonly summary: string;
  readonly migrate: (config: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

/**
 * Every migration, oldest first. Version 1 is the first versioned shape: every config written before
 * `configVersion` existed is a version-1 config, so none is needed yet.
 */
export const configMigrations: readonly ConfigMigration[] = [];

export const configVersionSchema = z.int().min(1).max(CONFIG_VERSION).default(CONFIG_VERSION)
  .describe(`The shape of config this was written for (${CONFIG_VERSION} today; left out: the version before configVersion existed, 1). ` +
    'GAN Studio migrates an older config as it reads it, and refuses one written for a newer GAN Studio.');

export type MigrationResult =
  | { readonly ok: true; readonly config: unknown }
  | { readonly ok: false; readonly message: string };

/**
 * Brings a config, as written, up to `current` by applying each migration from its version on; the
 * result says `configVersion: current`. Anything but a mapping, or a version that is not a whole
 * number, is passed on for the schema to describe.
 */
export function migrateConfig(input: unknown, migrations: readonly ConfigMigration[] = configMigrations, current = CONFIG_VERSION): MigrationResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: true, config: input };
  const written = (input as Record<string, unknown>)['configVersion'] ?? 1;
  if (typeof written !== 'number' || !Number.isInteger(written) || written < 1) return { ok: true, config: input };
  if (written > current) {
    return {
      ok: false,
      message: `this config is written for config version ${written}, and this GAN Studio reads versions 1 to ${current}: ` +
        'update GAN Studio, or write the config for this version',
    };
  }
  let config: Record<string, unknown> = { ...input };
  for (let version = written; version < current; version++) {
    const step = migrations.find((migration) => migration.from === version);
    if (!step) throw new Error(`no config migration from version ${version}`);
    config = step.migrate(config);
  }
  return { ok: true, config: { ...config, configVersion: current } };
}
