import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runOfBlock } from '../../src/host/notes/blockRuns';
import { blockTarget, findGanBlocks } from '../../src/host/notes/ganBlocks';
import { downsample, lossSparkline } from '../../src/host/notes/sparkline';
import type { RunView } from '../../src/host/runView';

const note = [
  '# Ring experiments',        // 0
  '',                          // 1
  '```gan',                    // 2
  'name: ring',                // 3
  'data: { kind: ring }',      // 4
  '```',                       // 5
  '```python',                 // 6
  'print("not a gan block")',  // 7
  '```',                       // 8
  '  ~~~~ GAN extra words',    // 9
  '  config: ./configs/grid.gan.yaml  # the big one', // 10
  '  ~~~~',                    // 11
  '```gan',                    // 12
  '# latest ring run',         // 13
  'run: "ring"',               // 14
  '```',                       // 15
  '````gan',                   // 16
  'name: unclosed',            // 17
].join('\n');

test('gan fences are found with their lines, indentation and text; other fences are skipped', () => {
  const blocks = findGanBlocks(note);
  assert.deepEqual(blocks.map((block) => [block.index, block.fenceLine, block.endLine, block.indent]),
    [[0, 2, 5, 0], [1, 9, 11, 2], [2, 12, 15, 0], [3, 16, 18, 0]]);
  assert.equal(blocks[0]?.text, 'name: ring\ndata: { kind: ring }');
  assert.equal(blocks[1]?.text, 'config: ./configs/grid.gan.yaml  # the big one', 'content loses the fence indentation');
  assert.equal(blocks[3]?.text, 'name: unclosed', 'an unclosed fence runs to the end');
  assert.deepEqual(findGanBlocks('```ganache\nx\n```\n    ```gan\nindented code\n'), []);
});

test('a block is a config, or a reference to a config file or to a run', () => {
  const [config, file, run, unclosed] = findGanBlocks(note);
  assert.ok(config && file && run && unclosed);
  assert.deepEqual(blockTarget(config), { kind: 'config', name: 'ring' });
  assert.deepEqual(blockTarget(file), { kind: 'configFile', path: './configs/grid.gan.yaml', line: 10 });
  assert.deepEqual(blockTarget(run), { kind: 'run', ref: 'ring', line: 14 });
  assert.deepEqual(blockTarget({ ...run, text: 'run: ring\nseed: 3' }), { kind: 'config' }, 'more than a reference is a config');
});

const view = (over: Partial<RunView>): RunView => ({
  dir: '/w/.gan/runs/x', runId: 'x', name: 'ring', status: 'completed', step: 10, totalSteps: 10,
  startedAt: '', group: 'g', live: false, headlineSpec: { names: ['dLoss', 'gLoss'], short: ['D', 'G'], long: ['D loss', 'G loss'] }, ...over,
});

test('each kind of block finds its latest run', () => {
  const [config, file, run] = findGanBlocks(note);
  assert.ok(config && file && run);
  const runs = [
    view({ runId: 'notes-b1-ring-2', dir: '/w/r/2', note: { file: '/w/notes.md', block: 0, line: 2 } }),
    view({ runId: 'grid-1', name: 'grid', dir: '/w/r/g', configFile: '/w/configs/grid.gan.yaml' }),
    view({ runId: 'notes-b1-ring-1', dir: '/w/r/1', note: { file: '/w/notes.md', block: 0, line: 2 } }),
    view({ runId: 'other-note-ring', dir: '/w/r/o', note: { file: '/w/other.md', block: 0, line: 2 } }),
  ];
  assert.equal(runOfBlock(config, blockTarget(config), '/w/notes.md', runs)?.runId, 'notes-b1-ring-2');
  assert.equal(runOfBlock(config, blockTarget(config), '/w/fresh.md', runs), undefined, 'another note has its own runs');
  assert.equal(runOfBlock({ ...config, index: 5 }, blockTarget(config), '/w/notes.md', runs)?.runId, 'notes-b1-ring-2',
    'a block that moved still finds its runs by config name');
  assert.equal(runOfBlock(file, blockTarget(file), '/w/notes.md', runs)?.runId, 'grid-1');
  assert.equal(runOfBlock(run, blockTarget(run), '/w/notes.md', runs)?.runId, 'notes-b1-ring-2', 'run: <name> is its latest run');
  assert.equal(runOfBlock(run, { kind: 'run', ref: 'grid-1', line: 0 }, '/w/notes.md', runs)?.runId, 'grid-1');
});

test('the loss sparkline is an SVG of numbers only, downsampled', () => {
  assert.deepEqual(downsample([1, 2, 3, 4, 5, 6], 3), [1.5, 3.5, 5.5]);
  const svg = lossSparkline({ first: [1.4, 1.2, 1.3], second: [0.7, 0.9, 0.8] }, ['D loss', 'G loss']);
  assert.match(svg, /^<svg class="gan-sparkline"[^>]*>(<polyline fill="none" stroke="#[0-9a-f]{6}" stroke-width="1.5" points="[\d., ]+"\/>){2}<\/svg><p class="gan-legend">/);
  // The legend: which curve is which, the latest values and the shared scale.
  assert.match(svg, /<p class="gan-legend"><span class="gan-swatch gan-swatch-first"><\/span>D loss 1\.3 <span class="gan-swatch gan-swatch-second"><\/span>G loss 0\.8 <span class="gan-scale">\(latest; scale 0\.7–1\.4\)<\/span><\/p>$/);
  assert.match(svg, /aria-label="D loss \(blue\) and G loss \(orange\) over the run"/);
  // Labels come from run.json's catalogue, which anyone may write: they reach the markup escaped.
  assert.match(lossSparkline({ first: [1, 2], second: [2, 1] }, ['<b>x</b>', '"y"']), /aria-label="&lt;b&gt;x&lt;\/b&gt; \(blue\) and &quot;y&quot; \(orange\)/);
  assert.equal(lossSparkline({ first: [1], second: [] }, ['D loss', 'G loss']), '');
});

test('a snapshot copies the chosen grid next to the note and writes its link and caption', async () => {
  const { planSnapshot, copySnapshot } = await import('../../src/host/notes/snapshot');
  const { tempDir } = await import('./support/training');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const root = tempDir();
  const runDir = path.join(root, '.gan', 'runs', 'notes-b1-ring-1');
  fs.mkdirSync(path.join(runDir, 'samples'), { recursive: true });
  for (const step of [0, 50, 100]) fs.writeFileSync(path.join(runDir, 'samples', `step-${step}.png`), `png ${step}`);
  fs.writeFileSync(path.join(runDir, 'metrics.jsonl'), [40, 50, 60].map((step) => JSON.stringify({ step, dLoss: 1.25, gLoss: step / 100 })).join('\n') + '\n');
  const noteFile = path.join(root, 'notes', 'my notes.md');
  const headline = { names: ['dLoss', 'gLoss'], short: ['D', 'G'], long: ['D loss', 'G loss'] } as const;
  const request = { runDir, runId: 'notes-b1-ring-1', noteFile, folder: 'media', now: new Date('2026-11-23T10:00:00Z'), headline };
  const latest = await planSnapshot(request);
  assert.equal(latest.step, 100);
  assert.equal(latest.target, path.join(root, 'notes', 'media', 'notes-b1-ring-1-step-100.png'));
  assert.equal(latest.markdown, '![notes-b1-ring-1 · step 100](media/notes-b1-ring-1-step-100.png)\n\n*notes-b1-ring-1 · step 100 · D 1.250 G 0.600 · 2026-11-23*\n');
  await copySnapshot(latest);
  assert.equal(fs.readFileSync(latest.target, 'utf8'), 'png 100');
  // Labels come from run.json: markdown in them is shown, not followed.
  const crafted = await planSnapshot({ ...request, headline: { ...headline, short: ['[D](http://x)', '*G*'] } });
  assert.ok(crafted.markdown.includes('· \\[D\\]\\(http://x\\) 1.250 \\*G\\* 0.600 ·'), crafted.markdown);
  const chosen = await planSnapshot({ ...request, step: 50, folder: '../shared images' });
  assert.equal(chosen.markdown.split('\n')[0], '![notes-b1-ring-1 · step 50](../shared%20images/notes-b1-ring-1-step-50.png)');
  assert.match(chosen.markdown, /D 1\.250 G 0\.500/);
  await assert.rejects(planSnapshot({ ...request, step: 75 }), /no sample grid at step 75 \(it keeps 0, 50, 100\)/);
  await assert.rejects(planSnapshot({ ...request, runDir: path.join(root, 'empty') }), /has no sample grid yet/);
});

test('problems in gan blocks are placed in the note: config errors, missing config files, unknown runs', async () => {
  const { noteDiagnostics } = await import('../../src/host/notes/noteDiagnostics');
  const markdown = [
    '# Notes',                        // 0
    '```gan',                         // 1
    'name: ring',                     // 2
    'data: { kind: ring }',           // 3
    'training: { batchSize: 0 }',     // 4
    '```',                            // 5
    '  ```gan',                       // 6
    '  config: ./missing.gan.yaml',   // 7
    '  ```',                          // 8
    '```gan',                         // 9
    'run: ghost',                     // 10
    '```',                            // 11
    '```gan',                         // 12
    'run: x',                         // 13
    '```',                            // 14
  ].join('\n');
  const found = noteDiagnostics(markdown, '/w/notes.md', [view({ runId: 'x' })], () => false);
  assert.deepEqual(found.map((problem) => [problem.startLine, problem.startCharacter, problem.field, problem.severity ?? 'error']), [
    [4, 23, 'training.batchSize', 'error'], [7, 2, '', 'error'], [10, 0, '', 'warning'],
  ]);
  assert.match(found[1]?.message ?? '', /config: \.\/missing\.gan\.yaml does not exist \(looked for \/w\/missing\.gan\.yaml\)/);
  assert.match(found[2]?.message ?? '', /no run "ghost" yet/);
  assert.deepEqual(noteDiagnostics('no blocks here', '/w/n.md', []), []);
});
