import { test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { ganPreviewPlugin, type PreviewSource } from '../../src/host/notes/previewPlugin';
import type { RunView } from '../../src/host/runView';

const hostile = '<img src=x onerror=alert(1)>';
const run: RunView = {
  dir: '/w/.gan/runs/notes-b1-ring-1', runId: 'notes-b1-ring-1', name: 'ring', status: 'running', step: 120, totalSteps: 400,
  startedAt: '', group: 'notes.md', live: true, backend: 'wasm', headline: [1.386, 0.693], headlineSpec: { names: ['dLoss', 'gLoss'], short: ['D', 'G'], long: ['D loss', 'G loss'] }, note: { file: '/w/notes.md', block: 0, line: 2 },
};

function render(markdown: string, runs: readonly RunView[], over: Partial<PreviewSource> = {}): { html: string; shown: string[] } {
  const shown: string[] = [];
  const source: PreviewSource = {
    noteFile: () => '/w/notes.md', runs: () => runs,
    latestSample: (shownRun) => ({ file: `${shownRun.dir}/samples/step-100.png`, step: 100 }),
    losses: () => ({ first: [1.5, 1.4, 1.39], second: [0.6, 0.7, 0.69] }),
    configExists: (file) => file === '/w/configs/grid.gan.yaml', shown: (shownRun) => shown.push(shownRun.runId), ...over,
  };
  const md = new MarkdownIt();
  ganPreviewPlugin(md, source);
  return { html: md.render(markdown), shown };
}

test('a trained block renders its grid, a loss sparkline, a status line and its config folded away', () => {
  const { html, shown } = render('# Notes\n\n```gan\nname: ring\ndata: { kind: ring }\n```\n', [run]);
  assert.match(html, /<div class="gan-block"><p class="gan-status">notes-b1-ring-1 · running · step 120\/400 · wasm · D 1\.386 G 0\.693<\/p>/);
  assert.match(html, /<img src="\.gan\/runs\/notes-b1-ring-1\/samples\/step-100\.png\?step=100" alt="notes-b1-ring-1 · step 100" class="gan-grid">/);
  assert.match(html, /<svg class="gan-sparkline"/);
  assert.match(html, /<details class="gan-config"><summary>gan block 1<\/summary><pre><code>name: ring\ndata: \{ kind: ring \}<\/code><\/pre><\/details>/);
  assert.deepEqual(shown, ['notes-b1-ring-1'], 'the host is told which runs the preview shows');
  assert.match(html, /<h1>Notes<\/h1>/);
});

test('blocks without a run render as clear cards, never errors: not trained, unknown run, missing config file', () => {
  const { html } = render([
    '```gan', 'name: fresh', 'data: { kind: grid }', '```',
    '```gan', 'run: nope', '```',
    '```gan', 'config: ./configs/missing.gan.yaml', '```',
    '```gan', 'name: [unclosed', '```',
  ].join('\n'), [run]);
  assert.equal((html.match(/class="gan-block gan-block-empty"/g) ?? []).length, 4);
  assert.match(html, /Not trained yet: use “▶ Train” above the block\./);
  assert.match(html, /No run <code>nope<\/code> yet\./);
  assert.match(html, /Config file not found: <code>\.\/configs\/missing\.gan\.yaml<\/code>/);
  assert.match(html, /<summary>gan block 4<\/summary><pre><code>name: \[unclosed<\/code>/, 'malformed YAML is shown as text');
});

test('hostile strings in run files, references and block text are escaped', () => {
  const evil: RunView = { ...run, runId: `r${hostile}`, backend: hostile, error: hostile, name: 'ring' };
  const { html } = render(['```gan', `name: ring`, `# ${hostile}`, '```', '```gan', `run: "${hostile}"`, '```'].join('\n'), [evil]);
  assert.doesNotMatch(html, /<img src=x/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.equal((html.match(/<img /g) ?? []).length, 1, 'only the grid image');
  assert.match(html, /alt="r&lt;img src=x onerror=alert\(1\)&gt; · step 100"/);
});

test('other fences render as code; outside a file the block asks to be opened from a folder', () => {
  const { html } = render('```python\nprint("<b>")\n```\n', [run]);
  assert.equal(html, '<pre><code class="language-python">print(&quot;&lt;b&gt;&quot;)\n</code></pre>\n');
  const untitled = render('```gan\nname: ring\n```\n', [run], { noteFile: () => undefined });
  assert.match(untitled.html, /Open this note from a folder to see its run\./);
});

test('a run whose folder is outside the workspace shows no image', () => {
  const { html } = render('```gan\nname: ring\n```\n', [run], { latestSample: () => undefined });
  assert.match(html, /No sample grid yet\./);
  assert.doesNotMatch(html, /<img/);
});

test('a loss curve sampled from a large metrics.jsonl says so under the sparkline', () => {
  const sampled = render('```gan\nname: ring\n```\n', [run], { losses: () => ({ first: [1.5, 1.4], second: [0.6, 0.7], sampledFromBytes: 110 * 1024 * 1024 }) });
  assert.match(sampled.html, /<svg class="gan-sparkline"[^]*<\/svg><p class="gan-legend">[^]*<\/p><p class="gan-note">Loss curve sampled evenly from a 110 MiB metrics\.jsonl\.<\/p>/);
  assert.doesNotMatch(render('```gan\nname: ring\n```\n', [run]).html, /gan-note/, 'a curve of every line says nothing');
});
