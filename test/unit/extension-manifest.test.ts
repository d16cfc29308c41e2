import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;
const manifest = read('package.json') as {
  main: string; extensionKind: string[]; displayName: string;
  capabilities: { untrustedWorkspaces: { supported: string | boolean; description: string } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, { markdownDescription: string }> };
    jsonValidation: { fileMatch: string[]; url: string }[];
    yamlValidation: { fileMatch: string[]; url: string }[];
  };
};
const nls = read('package.nls.json') as Record<string, string>;
const commandsDir = path.join(root, 'src', 'extension', 'commands');

test('every command has one implementation file, a contribution and a localised title in the GAN Studio category', () => {
  const implemented = fs.readdirSync(commandsDir).flatMap((file) =>
    [...fs.readFileSync(path.join(commandsDir, file), 'utf8').matchAll(/id: '(ganStudio\.\w+)'/g)].map((match) => match[1]));
  const contributed = manifest.contributes.commands.map((command) => command.command);
  assert.deepEqual([...implemented].sort(), [...contributed].sort());
  assert.equal(new Set(implemented).size, implemented.length, 'one implementation per command');
  for (const command of manifest.contributes.commands) {
    const key = /^%(.+)%$/.exec(command.title)?.[1];
    assert.ok(key && nls[key], `${command.command} has a title in package.nls.json`);
    assert.equal(nls[/^%(.+)%$/.exec(command.category)?.[1] ?? ''], 'GAN Studio');
  }
  for (const required of ['Train Config', 'Stop Run', 'Pause Run', 'Resume Run', 'Resume from Checkpoint', 'Open Dashboard',
    'Open Run Folder', 'Delete Run', 'New Config from Template', 'Export Networks', 'Install Native Backend']) {
    assert.ok(Object.values(nls).includes(required), required);
  }
});

test('menus name contributed commands; training entries are hidden in untrusted workspaces', () => {
  const contributed = new Set(manifest.contributes.commands.map((command) => command.command));
  for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
    for (const item of items) {
      assert.ok(contributed.has(item.command), `${menu}: ${item.command}`);
      if (/trainConfig|resumeFromCheckpoint|exportGenerator|installNativeBackend/.test(item.command)) {
        assert.match(item.when ?? '', /isWorkspaceTrusted/, `${menu}: ${item.command}`);
      }
    }
  }
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(nls[manifest.capabilities.untrustedWorkspaces.description.slice(1, -1)]);
  assert.deepEqual(manifest.extensionKind, ['workspace']);
});

test('views, icons, schema validation and settings point at files and strings that exist', () => {
  const [container] = manifest.contributes.viewsContainers.activitybar;
  assert.ok(container && fs.existsSync(path.join(root, container.icon)));
  assert.deepEqual(manifest.contributes.views[container.id]?.map((view) => view.id), ['ganStudio.runs']);
  const [json] = manifest.contributes.jsonValidation;
  const [yaml] = manifest.contributes.yamlValidation;
  assert.deepEqual(json?.fileMatch, ['*.gan.json']);
  assert.deepEqual(yaml?.fileMatch, ['*.gan.yaml', '*.gan.yml']);
  assert.equal(json?.url, yaml?.url);
  assert.ok(fs.existsSync(path.join(root, json?.url ?? '')));
  for (const [key, setting] of Object.entries(manifest.contributes.configuration.properties)) {
    assert.ok(nls[setting.markdownDescription.slice(1, -1)], key);
  }
  for (const key of ['runsDirectory', 'backend', 'wasmThreads', 'maxConcurrentRuns', 'refreshRate', 'samples.keepLast', 'checkpoints.keepLast']) {
    assert.ok(manifest.contributes.configuration.properties[`ganStudio.${key}`], key);
  }
});

test('the packaged extension keeps what it needs at run time (bundles, schema, templates, icons)', () => {
  const ignored = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  for (const needed of ['dist/', 'examples/', 'schemas/', 'media/', 'package.nls.json']) {
    assert.ok(!ignored.some((pattern) => pattern === needed || pattern === `${needed}**`), `${needed} ships`);
  }
  assert.equal(manifest.main, './dist/extension.js');
});

/** The modules esbuild put in one bundle (scripts/build.mjs lists them), building first if needed. */
function bundleInputs(name: string): string[] {
  const inputsFile = path.join(root, 'dist', `${name}.inputs.json`);
  if (!fs.existsSync(inputsFile)) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
  return JSON.parse(fs.readFileSync(inputsFile, 'utf8')) as string[];
}

/** Whether a project source file imports (for its value, not only types) a module `pattern` matches. */
function importsValueFrom(input: string, pattern: string): boolean {
  return new RegExp(`^import (?!type )[^;]*from '(${pattern})'`, 'm').test(fs.readFileSync(path.join(root, input), 'utf8'));
}

test('the extension host bundle holds no TF.js: training and export run in trainers', () => {
  const inputs = bundleInputs('extension');
  assert.ok(inputs.includes('src/extension/extension.ts'));
  assert.deepEqual(inputs.filter((input) => /tensorflow|src\/core\/(backend\/(tf|init|pureTf)|train\/session)/.test(input)), []);
  // Shape rules (DCGAN geometry, the memory estimate) may come along for validation; a module that builds networks may not.
  const buildsNetworks = inputs.filter((input) => input.startsWith('src/') && importsValueFrom(input, "[^']*backend/tf|@tensorflow/[^']*"));
  assert.deepEqual(buildsNetworks, []);
});

test('the dashboard webview bundle holds only browser code: no zod, TF.js, YAML or Node modules', () => {
  const inputs = bundleInputs('webview-dashboard');
  assert.ok(inputs.includes('webview/src/main.ts'));
  // What a webview may load: its UI kit and chart library, and plain data from the shared sources.
  const packages = new Set(inputs.filter((input) => input.startsWith('node_modules/')).map((input) => input.split('/').slice(1, input.startsWith('node_modules/@') ? 3 : 2).join('/')));
  assert.deepEqual([...packages].filter((name) => !['@vscode-elements/elements', '@lit/reactive-element', 'lit', 'lit-element', 'lit-html', 'uplot'].includes(name)), []);
  const shared = inputs.filter((input) => input.startsWith('src/'));
  assert.deepEqual(shared.filter((input) => importsValueFrom(input, "zod|yaml|node:[^']*|@tensorflow/[^']*|[^']*backend/tf")), []);
});

test('vsce packages only what runs: bundles, wasm, embedded digits, schema, templates; no sources, maps or tests', () => {
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  const listed = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n').map((line) => line.trim()).filter(Boolean);
  for (const needed of ['dist/extension.js', 'dist/trainer.js', 'dist/configValidator.js', 'dist/cli.js', 'dist/webview/dashboard.js', 'dist/webview/dashboard.css',
    'media/generated/wasm/tfjs-backend-wasm.wasm', 'media/generated/wasm/tfjs-backend-wasm-threaded-simd.wasm',
    'media/generated/wasm/tfjs-backend-wasm-threaded-simd.js',
    'media/generated/mnist-digits.bin.gz', 'schemas/gan-config.schema.json',
    'examples/ring.gan.yaml', 'media/notes-preview.css', 'package.nls.json', 'LICENSE',
    'media/classifier/model.json', 'media/classifier/weights.bin']) {
    assert.ok(listed.includes(needed), `${needed} ships`);
  }
  assert.deepEqual(listed.filter((file) => /\.(ts|map)$|^(src|test|scripts|webview|node_modules|\.vscode|\.ci)\//.test(file)), []);
});
