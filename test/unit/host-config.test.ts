import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfigText } from '../../src/core/config/parse';
import { configDiagnostics, type ConfigDiagnostic } from '../../src/host/configDiagnostics';
import { isConfigFile } from '../../src/host/configFiles';
import { readSettings } from '../../src/host/settings';
import { checkConfigName, freeConfigPath, listTemplates, renderTemplate } from '../../src/host/templates';

const root = path.join(__dirname, '..', '..');

test('there is one template per built-in example, each with its opening comment as description', async () => {
  const templates = await listTemplates(path.join(root, 'examples'));
  const examples = fs.readdirSync(path.join(root, 'examples')).filter((name) => name.endsWith('.gan.yaml'));
  assert.deepEqual(templates.map((template) => `${template.id}.gan.yaml`), examples.sort());
  const ring = templates.find((template) => template.id === 'ring');
  assert.match(ring?.description ?? '', /^The classic mode-collapse test .* hops between a few of them\.$/);
});

test('a rendered template is a valid config with the new name, its comments kept and no repo-relative $schema', async () => {
  for (const template of await listTemplates(path.join(root, 'examples'))) {
    const text = renderTemplate(template, 'my-experiment_2');
    const parsed = parseConfigText(text, { file: 'my-experiment_2.gan.yaml' });
    assert.ok(parsed.ok, `${template.id}: ${JSON.stringify(!parsed.ok && parsed.issues)}`);
    assert.equal(parsed.config.name, 'my-experiment_2');
    assert.doesNotMatch(text, /\$schema/);
    assert.equal(text.split('\n').filter((line) => line.startsWith('#')).length,
      template.text.split('\n').filter((line) => line.startsWith('#')).length, `${template.id} keeps its comments`);
  }
});

test('config names follow the schema rule; existing files are never overwritten', async () => {
  assert.equal(checkConfigName('ring-2'), undefined);
  assert.match(checkConfigName('my run') ?? '', /letters, digits/);
  assert.match(checkConfigName('') ?? '', /.+/);
  const [template] = await listTemplates(path.join(root, 'examples'));
  assert.ok(template);
  assert.throws(() => renderTemplate(template, '../evil'), /"\.\.\/evil" cannot be a config name/);
  const taken = new Set(['/w/ring.gan.yaml', '/w/ring-2.gan.yaml']);
  assert.equal(freeConfigPath('/w', 'ring', (file) => taken.has(file)), '/w/ring-3.gan.yaml');
  assert.equal(freeConfigPath('/w', 'grid', (file) => taken.has(file)), '/w/grid.gan.yaml');
});

test('diagnostics place each problem on the offending value, 0-based, with the field as code', () => {
  const text = ['name: ring', 'data:', '  kind: ring', 'training:', '  batchSize: 0', '  steps: 100'].join('\n');
  const [problem, ...rest] = configDiagnostics(text, { file: 'x.gan.yaml' });
  assert.equal(rest.length, 0);
  assert.equal(problem?.field, 'training.batchSize');
  assert.deepEqual([problem?.startLine, problem?.startCharacter, problem?.endLine, problem?.endCharacter], [4, 13, 4, 14]);
  assert.match(problem?.message ?? '', /^training\.batchSize: /);
  assert.deepEqual(configDiagnostics('name: ring\ndata: {kind: ring}\n', { file: 'ok.gan.yaml' }), []);
});

test('diagnostics for JSON syntax, an empty file and a config inside a note stay on visible ranges', () => {
  const json = configDiagnostics('{\n  "name": "ring",\n  "data": {"kind": "ring"},\n}\n', { file: 'x.gan.json' });
  assert.equal(json.length, 1);
  assert.match(json[0]?.message ?? '', /JSON syntax error/);
  assert.ok((json[0]?.endCharacter ?? 0) > (json[0]?.startCharacter ?? 0) || (json[0]?.endLine ?? 0) > (json[0]?.startLine ?? 0));
  const empty = configDiagnostics('', { file: 'x.gan.yaml' });
  assert.equal(empty.length, 1);
  assert.deepEqual([empty[0]?.startLine, empty[0]?.startCharacter, empty[0]?.endCharacter], [0, 0, 1]);
  const fenced = configDiagnostics('name: ring\ndata:\n  kind: rinng\n', { file: 'note.md', lineOffset: 10 });
  assert.equal(fenced[0]?.startLine, 12, 'lines count from the top of the note');
  assert.equal(fenced[0]?.field, 'data.kind');
  assert.ok((fenced[0]?.endCharacter ?? 0) > (fenced[0]?.startCharacter ?? 0));
});

/** The text with each problem's fix written over its range (problems on one line applied right to left). */
function applyFixes(text: string, problems: readonly ConfigDiagnostic[]): string {
  const lines = text.split('\n');
  for (const problem of [...problems].sort((a, b) => b.startCharacter - a.startCharacter)) {
    if (!problem.fix) continue;
    const line = lines[problem.startLine]!;
    lines[problem.startLine] = line.slice(0, problem.startCharacter) + problem.fix.text + line.slice(problem.endCharacter);
  }
  return lines.join('\n');
}

test('a misspelt field or value carries its quick fix: applying every fix leaves a valid config, in YAML, JSON and a note', () => {
  const yaml = ['name: t', 'data:', '  kind: ring', 'objective:', "  kind: 'non-saturatin'", 'model:', '  kind: mlp', '  generator:', '    hiden: [4]', '    activation: rellu'].join('\n');
  const problems = configDiagnostics(yaml, { file: 'x.gan.yaml' });
  assert.deepEqual(problems.map((problem) => problem.fix), [
    { name: 'non-saturating', text: "'non-saturating'" }, { name: 'hidden', text: 'hidden' }, { name: 'relu', text: 'relu' },
  ]);
  assert.deepEqual(configDiagnostics(applyFixes(yaml, problems), { file: 'x.gan.yaml' }), []);

  const json = '{"name": "t", "data": {"kind": "ring"}, "objective": {"kind": "non-saturatin"}, "trainin": {}}';
  const jsonProblems = configDiagnostics(json, { file: 'x.gan.json' });
  assert.deepEqual(jsonProblems.map((problem) => problem.fix?.text), ['"non-saturating"', '"training"']);
  assert.deepEqual(configDiagnostics(applyFixes(json, jsonProblems), { file: 'x.gan.json' }), []);

  const fenced = configDiagnostics('name: ring\ndata:\n  kind: rinng\n', { file: 'note.md', lineOffset: 10 });
  assert.deepEqual(fenced[0]?.fix, { name: 'ring', text: 'ring' });
  // No guess, no fix: a value nothing resembles, a number out of range, a field no allowed name is close to.
  const unfixable = configDiagnostics('name: t\ndata:\n  kind: zzzzzzzz\ntraining: { batchSize: 0 }\nqqqqqqq: 1\n', { file: 'x.gan.yaml' });
  assert.equal(unfixable.length, 3);
  assert.ok(unfixable.every((problem) => problem.fix === undefined), JSON.stringify(unfixable));
});

test('config files are *.gan.yaml, *.gan.yml and *.gan.json', () => {
  for (const file of ['a.gan.yaml', '/x/b.GAN.yml', 'c.gan.json']) assert.ok(isConfigFile(file), file);
  for (const file of ['a.yaml', 'gan.yaml', 'a.gan.yaml.bak']) assert.ok(!isConfigFile(file), file);
});

test('settings: defaults, and values of the wrong kind fall back instead of breaking training', () => {
  const defaults = readSettings(() => undefined);
  assert.deepEqual(defaults, { runsDirectory: path.join('.gan', 'runs'), backend: 'auto', maxConcurrentRuns: 2, refreshRate: 4, retention: {} });
  const values: Record<string, unknown> = {
    runsDirectory: ' out/runs ', backend: 'tensorflow', maxConcurrentRuns: 3, refreshRate: 100, 'samples.keepLast': 5, 'checkpoints.keepLast': null,
    wasmThreads: 1,
  };
  assert.deepEqual(readSettings((key) => values[key]), {
    runsDirectory: 'out/runs', backend: 'tensorflow', maxConcurrentRuns: 3, refreshRate: 30, retention: { samples: 5 }, wasmThreads: 1,
  });
  // wasmThreads 0 is the default: one per core.
  const wrong: Record<string, unknown> = { backend: 'cuda', maxConcurrentRuns: 0, refreshRate: 'fast', 'samples.keepLast': 1.5, wasmThreads: 0 };
  assert.deepEqual(readSettings((key) => wrong[key]), defaults);
});
