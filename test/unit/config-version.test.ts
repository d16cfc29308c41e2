import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configHash } from '../../src/core/config/configHash';
import { CONFIG_VERSION, migrateConfig } from '../../src/core/config/configVersion';
import type { ConfigMigration } from '../../src/core/config/configVersion';
import { parseConfigText } from '../../src/core/config/parse';
import type { ParseResult } from '../../src/core/config/parse';
import { UserError } from '../../src/core/errors';
import { readStoredConfig } from '../../src/core/run/runReader';

const ring = 'name: demo\ndata:\n  kind: ring\n';

function hashOf(result: ParseResult): string {
  if (!result.ok) return assert.fail(result.issues.map((issue) => issue.message).join('\n'));
  return result.hash;
}

test('a config without configVersion is read as version 1, and says so once resolved', () => {
  const result = parseConfigText(ring);
  assert.ok(result.ok);
  assert.equal(result.config.configVersion, CONFIG_VERSION);
  assert.equal(hashOf(parseConfigText(`configVersion: ${CONFIG_VERSION}\n${ring}`)), result.hash);
});

test('a config written for a newer GAN Studio is refused at its configVersion line, saying what to do', () => {
  const result = parseConfigText(`${ring}configVersion: ${CONFIG_VERSION + 1}\n`);
  assert.ok(!result.ok);
  const [issue] = result.issues;
  assert.deepEqual(issue?.path, ['configVersion']);
  assert.equal(issue?.line, 4);
  assert.match(issue?.message ?? '', new RegExp(`written for config version ${CONFIG_VERSION + 1}.*update GAN Studio`));
  const bad = parseConfigText(`${ring}configVersion: 0\n`);
  assert.ok(!bad.ok && bad.issues[0]?.path.join('.') === 'configVersion');
});

test('migrations run in order from the version a config names up to the current one', () => {
  // Two made-up steps, as later versions would add them: each sees the shape the one before made.
  const steps: ConfigMigration[] = [
    { from: 2, summary: 'seeds became a list', migrate: ({ seed, ...rest }) => ({ ...rest, seeds: [seed] }) },
    { from: 1, summary: 'title became name', migrate: ({ title, ...rest }) => ({ ...rest, name: title }) },
  ];
  assert.deepEqual(migrateConfig({ title: 'a', seed: 3 }, steps, 3), { ok: true, config: { name: 'a', seeds: [3], configVersion: 3 } });
  assert.deepEqual(migrateConfig({ configVersion: 2, name: 'a', seed: 3 }, steps, 3), { ok: true, config: { name: 'a', seeds: [3], configVersion: 3 } });
  assert.deepEqual(migrateConfig({ configVersion: 3, name: 'a' }, steps, 3), { ok: true, config: { name: 'a', configVersion: 3 } });
  assert.equal(migrateConfig({ configVersion: 4 }, steps, 3).ok, false);
  // Not a mapping, or a version that is no whole number: left for the schema to describe.
  assert.deepEqual(migrateConfig([1], steps, 3), { ok: true, config: [1] });
  assert.deepEqual(migrateConfig({ configVersion: 'x' }, steps, 3), { ok: true, config: { configVersion: 'x' } });
});

test('fields at their defaults are left out of the hash; a section whose presence matters is not', () => {
  const hash = hashOf(parseConfigText(ring));
  for (const spelt of [
    'model: {kind: mlp, latentSize: 64, generator: {hidden: [128, 128]}}',
    'objective: {kind: non-saturating}',
    'regularizers: {}',
    'training: {generatorOptimizer: {kind: adam, learningRate: 0.0002}}',
    'evaluation: {samples: 2500}',
  ]) assert.equal(hashOf(parseConfigText(`${ring}${spelt}\n`)), hash, spelt);
  for (const changed of ['regularizers: {r1: {}}', 'regularizers: {r1: {gamma: 10}}', 'model: {kind: mlp, generator: {hidden: [128]}}', 'objective: {kind: hinge}'])
    assert.notEqual(hashOf(parseConfigText(`${ring}${changed}\n`)), hash, changed);
  assert.equal(hashOf(parseConfigText(`${ring}regularizers: {r1: {}}\n`)), hashOf(parseConfigText(`${ring}regularizers: {r1: {gamma: 10}}\n`)));
});

test('a run stored before a defaulted setting existed hashes like the same config read today', async () => {
  const parsed = parseConfigText('name: demo\ndata: {kind: mnist, limit: 100}\nevaluation: {every: 50}\n');
  assert.ok(parsed.ok);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-version-'));
  try {
    // As an older GAN Studio wrote it: no configVersion, no evaluation.samples, no logging.histogramBins.
    const { configVersion: _version, ...older } = parsed.config;
    const { samples: _samples, ...evaluation } = older.evaluation;
    const { histogramBins: _bins, ...logging } = older.logging;
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ hash: 'written-by-then', config: { ...older, evaluation, logging } }));
    const stored = await readStoredConfig(dir);
    assert.equal(configHash(stored.config), parsed.hash);

    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ hash: 'h', config: { ...parsed.config, configVersion: CONFIG_VERSION + 1 } }));
    await assert.rejects(readStoredConfig(dir), (error: unknown) => error instanceof UserError
      && error.message.includes('config.json') && error.message.includes(`written for config version ${CONFIG_VERSION + 1}`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
