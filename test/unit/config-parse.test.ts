import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile, parseConfigText } from '../../src/core/config/parse';
import type { ParseResult } from '../../src/core/config/parse';
import type { GanConfig } from '../../src/core/config/schema';
import { ConfigError, UserError, formatPath } from '../../src/core/errors';
import type { ConfigIssue } from '../../src/core/errors';

const minimalYaml = 'name: demo\ndata:\n  kind: ring\n';

function accepted(result: ParseResult): { config: GanConfig; hash: string } {
  if (!result.ok) assert.fail(result.issues.map((issue) => issue.message).join('\n'));
  return result;
}

function rejected(result: ParseResult): readonly ConfigIssue[] {
  if (result.ok) assert.fail('the config was accepted');
  return result.issues;
}

test('a minimal YAML config gets every default filled in', () => {
  const { config } = accepted(parseConfigText(minimalYaml));
  assert.deepEqual(config.data, { kind: 'ring', modes: 8, radius: 2, sigma: 0.02, count: 10_000 });
  assert.equal(config.model.kind, 'mlp');
  assert.equal(config.model.latentSize, 64);
  assert.deepEqual(config.objective, { kind: 'non-saturating' });
  assert.deepEqual(config.training.generatorOptimizer, { kind: 'adam', learningRate: 2e-4, beta1: 0.5, beta2: 0.999 });
  assert.equal(config.training.batchSize, 64);
  assert.equal(config.training.steps, undefined);
  assert.equal(config.seed, 0);
  assert.equal(config.backend, 'auto');
});

test('JSON is chosen by the file name and parses to the same config as the YAML', () => {
  const json = '{\n\t"name": "demo",\n\t"data": { "kind": "ring" }\n}\n';
  const fromJson = accepted(parseConfigText(json, { file: 'configs/demo.gan.json' }));
  const fromYaml = accepted(parseConfigText(minimalYaml, { file: 'configs/demo.gan.yaml' }));
  assert.deepEqual(fromJson.config, fromYaml.config);
  assert.equal(fromJson.hash, fromYaml.hash);
  // YAML-only syntax in a .json file is an error, not silently accepted.
  const yamlInJson = rejected(parseConfigText(minimalYaml, { file: 'demo.gan.json' }));
  assert.match(yamlInJson[0]?.message ?? '', /^JSON syntax error/);
});

test('every example config validates', async () => {
  const examples = join(__dirname, '..', '..', 'examples');
  const files = (await readdir(examples)).filter((name) => /\.gan\.(yaml|json)$/.test(name));
  assert.ok(files.length >= 6, `only ${files.length} examples`);
  const hashes = new Set<string>();
  for (const file of files) {
    const loaded = await loadConfigFile(join(examples, file));
    assert.equal(loaded.config.$schema, '../schemas/gan-config.schema.json', file);
    hashes.add(loaded.hash);
  }
  assert.equal(hashes.size, files.length, 'two examples train the same thing');
});

test('issues point at the offending value, the unknown key, or the mapping that lacks a field', () => {
  const text = [
    'name: demo', // 1
    'data:', // 2
    '  kind: ring', // 3
    '  modes: 0', // 4
    'training:', // 5
    '  batchSize: 32', // 6
    '  optimiser: adam', // 7
    'model:', // 8
    '  latentSize: 8', // 9
  ].join('\n');
  const issues = rejected(parseConfigText(text));
  assert.deepEqual(issues.map(({ path, line, column, endLine, endColumn }) => ({ path, line, column, endLine, endColumn })), [
    { path: ['data', 'modes'], line: 4, column: 10, endLine: 4, endColumn: 11 },
    { path: ['training', 'optimiser'], line: 7, column: 3, endLine: 7, endColumn: 12 },
    { path: ['model', 'kind'], line: 8, column: 1, endLine: 8, endColumn: 6 },
  ]);
});

test('lineOffset shifts every line (a config inside a markdown fence) and leaves columns alone', () => {
  const text = 'name: demo\ndata:\n  kind: ring\n  modes: 0\n';
  const [plain] = rejected(parseConfigText(text));
  const [shifted] = rejected(parseConfigText(text, { lineOffset: 12 }));
  assert.equal(plain?.line, 4);
  assert.equal(shifted?.line, 16);
  assert.equal(shifted?.endLine, 16);
  assert.equal(shifted?.column, plain?.column);
  const [syntax] = rejected(parseConfigText('name: demo\ndata: {kind: ring\nseed: 1\n', { lineOffset: 12 }));
  assert.equal(syntax?.line, 15);
});

test('the hash ignores key order, formatting, comments, spelt-out defaults and $schema', () => {
  const { hash } = accepted(parseConfigText(minimalYaml));
  assert.match(hash, /^[0-9a-f]{16}$/);
  const variants = [
    '# same experiment\ndata: {kind: ring}\nname: demo\n',
    '{"data": {"kind": "ring"}, "name": "demo"}',
    '$schema: ../schemas/gan-config.schema.json\nname: demo\ndata:\n  kind: ring\n',
    'name: demo\nseed: 0\ndata:\n  kind: ring\n  modes: 8\ntraining:\n  batchSize: 64\n',
  ];
  for (const text of variants) assert.equal(accepted(parseConfigText(text)).hash, hash, text);
  for (const text of [
    'name: demo\ndata:\n  kind: ring\n  modes: 7\n',
    'name: demo\nseed: 1\ndata:\n  kind: ring\n',
    'name: demo2\ndata:\n  kind: ring\n',
  ]) assert.notEqual(accepted(parseConfigText(text)).hash, hash, text);
});

test('parseConfigText reports problems instead of throwing, whatever the input', () => {
  for (const text of ['', '   \n', '---\n---\n', 'a: &x [*x]\n', 'name: *missing\n', '[', '{"a":', '\u0000', 'data: !!binary xyz']) {
    for (const format of ['yaml', 'json'] as const) {
      const issues = rejected(parseConfigText(text, { format }));
      assert.ok(issues.length > 0);
      for (const issue of issues) assert.ok(issue.line !== undefined && issue.line >= 1, `${format} ${JSON.stringify(text)}`);
    }
  }
});

test('loadConfigFile returns the absolute file, throws ConfigError for bad configs and UserError for unreadable files', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'gan-config-'));
  try {
    const good = join(folder, 'good.gan.yaml');
    await writeFile(good, minimalYaml);
    const loaded = await loadConfigFile(good);
    assert.equal(loaded.file, good);
    assert.equal(loaded.hash, accepted(parseConfigText(minimalYaml)).hash);

    const bad = join(folder, 'bad.gan.yaml');
    await writeFile(bad, 'name: demo\ndata:\n  kind: ring\n  modes: 0\n');
    await assert.rejects(loadConfigFile(bad), (error: unknown) =>
      error instanceof ConfigError && error.message.startsWith(`${bad}:4:10: data.modes: `));

    const missing = join(folder, 'missing.gan.yaml');
    await assert.rejects(loadConfigFile(missing), (error: unknown) =>
      error instanceof UserError && !(error instanceof ConfigError) && error.message.includes(missing) && error.file === missing);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});

describe('model variants: conditional GAN, InfoGAN, minibatch discrimination', () => {
  const withModel = (model: string, data = '{ kind: mnist }') => `name: demo\ndata: ${data}\nmodel:\n${model}`;
  const issue = (text: string) => {
    const issues = rejected(parseConfigText(text));
    assert.equal(issues.length, 1, issues.map((i) => i.message).join('\n'));
    return { field: formatPath(issues[0]!.path), message: issues[0]!.message, line: issues[0]!.line };
  };

  test('each variant gets its defaults filled in', () => {
    const { config } = accepted(parseConfigText(withModel('  kind: mlp\n  conditional: {}\n  discriminator: { minibatchDiscrimination: {} }\n')));
    assert.deepEqual(config.model.conditional, { embeddingSize: 16, discriminator: 'projection', mismatchedLabels: true });
    assert.deepEqual(config.model.discriminator.minibatchDiscrimination, { kernels: 16, dims: 8 });
    const info = accepted(parseConfigText(withModel('  kind: dcgan\n  infogan: { continuous: [{}, { min: 0, max: 2 }] }\n'))).config;
    assert.deepEqual(info.model.infogan, {
      categorical: [10], continuous: [{ min: -1, max: 1 }, { min: 0, max: 2 }], weight: 1, continuousWeight: 0.1, headHidden: 128,
    });
    assert.equal(accepted(parseConfigText(minimalYaml)).config.model.conditional, undefined);
  });

  test('a conditional GAN on data without labels is an error on model.conditional, saying what has labels', () => {
    const spiral = issue(withModel('  kind: mlp\n  conditional: {}\n', '{ kind: spiral }'));
    assert.equal(spiral.field, 'model.conditional');
    assert.equal(spiral.line, 5);
    assert.match(spiral.message, /needs class labels, but data kind 'spiral' has none; use mnist, a folder with class subfolders, idx with labels, or a Gaussian mixture \(ring, grid, two-gaussians, blobs\)/);
    const idx = issue(withModel('  kind: mlp\n  conditional: {}\n', '{ kind: idx, images: train-images.idx3-ubyte }'));
    assert.equal(idx.field, 'model.conditional');
    assert.match(idx.message, /data\.labels is not set; name the IDX labels file there/);
    // Mixtures, labelled IDX files and folders (checked when read) are accepted.
    for (const data of ['{ kind: ring }', '{ kind: blobs }', '{ kind: idx, images: a.idx, labels: b.idx }', '{ kind: folder, path: faces }']) {
      accepted(parseConfigText(withModel('  kind: mlp\n  conditional: {}\n', data)));
    }
  });

  test('InfoGAN: codes must exist, ranges must be ranges, and it does not combine with labels', () => {
    assert.deepEqual(issue(withModel('  kind: mlp\n  infogan: { categorical: [] }\n')), {
      field: 'model.infogan', line: 5, message: 'needs at least one code: list categorical category counts (e.g. [10]) or continuous ranges (e.g. [{}])',
    });
    assert.deepEqual(issue(withModel('  kind: mlp\n  infogan:\n    continuous:\n      - { min: 1, max: 0 }\n')), {
      field: 'model.infogan.continuous[0].max', line: 7, message: 'must be greater than min (1), found 0',
    });
    assert.deepEqual(issue(withModel('  kind: mlp\n  infogan: { categorical: [10, 1] }\n')), {
      field: 'model.infogan.categorical[1]', line: 5, message: 'must be an integer between 2 and 100, found 1',
    });
    assert.deepEqual(issue(withModel('  kind: mlp\n  conditional: {}\n  infogan: {}\n')), {
      field: 'model.infogan', line: 6, message: 'use model.conditional (labels from the data) or model.infogan (codes the generator learns to use), not both',
    });
  });

  test('misspelt variant fields say what is allowed', () => {
    assert.deepEqual(issue(withModel('  kind: mlp\n  conditional: { discriminator: proj }\n')), {
      field: 'model.conditional.discriminator', line: 5, message: 'found "proj", allowed: concat, projection',
    });
    assert.deepEqual(issue(withModel('  kind: dcgan\n  discriminator: { minibatchDiscrimination: { kernel: 8 } }\n')), {
      field: 'model.discriminator.minibatchDiscrimination.kernel', line: 5,
      message: "unknown field 'kernel' (allowed: kernels, dims); did you mean 'kernels'?",
    });
    assert.deepEqual(issue(withModel('  kind: mlp\n  infoGAN: {}\n')).field, 'model.infoGAN');
  });
});

test('evaluation.every on data with nothing to measure is an error on that field; mixtures and mnist accept it', () => {
  const issues = rejected(parseConfigText('name: e\ndata: { kind: spiral }\nevaluation:\n  every: 500\n'));
  assert.equal(issues.length, 1);
  assert.equal(formatPath(issues[0]!.path), 'evaluation.every');
  assert.equal(issues[0]!.line, 4);
  assert.match(issues[0]!.message, /measures Gaussian mixtures \(ring, grid, two-gaussians, blobs\) and the embedded mnist digits; data kind 'spiral' has no measure/);
  for (const data of ['{ kind: ring }', '{ kind: grid }', '{ kind: mnist }']) {
    const result = parseConfigText(`name: e\ndata: ${data}\nevaluation: { every: 100 }\n`);
    assert.ok(result.ok, `${data}: ${JSON.stringify(result)}`);
  }
  const defaults = parseConfigText('name: e\ndata: { kind: spiral }\n');
  assert.ok(defaults.ok && defaults.config.evaluation.every === undefined && defaults.config.evaluation.samples === 2500);
});
