import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tf } from '../../src/core/backend/tf';
import type { GanConfigInput } from '../../src/core/config/schema';
import { decodePng, encodePng } from '../../src/core/render/png';
import { isDiagnosticRecord, isEvaluationRecord, type FamilyFigure } from '../../src/core/run/evaluationRecords';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { readRun } from '../../src/core/run/runReader';
import { useTestBackend } from './support/backend';
import { cli } from './support/cli';
import { resolvedConfig, shortenedExample, tempDir, train, wholeAndResumed } from './support/training';

// Tiny translators on 600 digits split into unpaired halves: fast enough to train twice for the
// resume check, with a pool that fills within two steps and then swaps.
const tiny: GanConfigInput = {
  name: 'cycle-tiny', seed: 5,
  family: { kind: 'cyclegan', generator: { channels: 4, blocks: 1 }, discriminator: { channels: 4, layers: 1 }, poolSize: 12, identityWeight: 0.5 },
  data: { kind: 'domains', a: { kind: 'mnist', limit: 600 }, b: { kind: 'mnist', limit: 600, transforms: [{ kind: 'invert' }] } },
  objective: { kind: 'least-squares' },
  training: { steps: 16, batchSize: 8, dSteps: 2 },
  logging: { every: 2, histogramEvery: 8 }, samples: { every: 8, count: 18 }, checkpoints: { every: 1000 },
};

test('CycleGAN resumes exactly, its pools of generated images included, and holds its tensor count', async () => {
  await useTestBackend();
  const config = resolvedConfig(tiny);
  const { whole, split } = await wholeAndResumed(tempDir(), config, 8);
  const [expected, actual] = await Promise.all([readRun(whole.runDir), readRun(split.runDir)]);
  assert.equal(actual.metrics.length, 16 / 2);
  actual.metrics.forEach((record, i) => {
    for (const key of ['dLoss', 'gLoss', 'dLossA', 'dLossB', 'cycleA', 'cycleB', 'identity', 'adversarialAB', 'gradNormD']) {
      assert.equal(typeof record[key], 'number', `${key} is logged`);
      assert.equal(record[key], expected.metrics[i]![key], `step ${record.step} ${key}`);
    }
  });
  const checkpoint = fs.readdirSync(path.join(whole.runDir, 'checkpoints', 'step-16')).filter((name) => name.endsWith('.bin')).sort();
  assert.deepEqual(checkpoint, ['discriminatorA.bin', 'discriminatorB.bin', 'discriminatorOptimizer.bin', 'generatorAB.bin', 'generatorBA.bin', 'generatorOptimizer.bin', 'poolA.bin', 'poolB.bin']);

  const counts: number[] = [];
  await train({ runsDir: tempDir(), config }, (event) => {
    if (event.type === 'progress') counts.push(tf.memory().numTensors);
  });
  assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts per step: ${counts.join(', ')}`);
});

const STEPS = 200;

/** A shipped recipe cut to `steps`, evaluated at step 0 and at its end (the diagnostics read those evaluations). */
async function shortened(file: string, steps: number, samples: number) {
  const loaded = await shortenedExample(file, steps);
  return { ...loaded, config: { ...loaded.config, evaluation: { every: steps, samples } } };
}

/** The first and last evaluations of a run, and its diagnostic lines. */
async function evaluationsOf(runDir: string) {
  const metricsFile = path.join(runDir, 'metrics.jsonl');
  const evaluations = await readJsonLines(metricsFile, isEvaluationRecord);
  return { first: evaluations[0]!, last: evaluations.at(-1)!, diagnostics: await readJsonLines(metricsFile, isDiagnosticRecord) };
}

// The MNIST ↔ inverted recipe (500 steps) cut to 200: G(x) = −x is in reach, so translations into
// the plain digits keep the source's digit — 98.2 % by step 250 on the recipe's seed 1, against the
// untrained translator's 9.4 %.
test('the MNIST ↔ inverted CycleGAN, shortened: translations keep their digit, round trips come back, both ways shown and exported', async () => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: await shortened('examples/mnist-inverted-cyclegan.gan.yaml', STEPS, 200) });
  assert.equal(run.info.status, 'completed');
  const read = await readRun(run.runDir);
  const { first, last, diagnostics } = await evaluationsOf(run.runDir);
  assert.deepEqual([first.step, last.step], [0, STEPS]);
  const figures = last.figures ?? [];
  const accuracy = figure(figures, 'translationAccuracy');
  assert.ok(accuracy >= 0.8 && figure(figures, 'translationAccuracyUntrained') < 0.2, `translations b → a keeping their digit: ${accuracy}`);
  for (const side of ['A', 'B']) {
    const cycle = figure(figures, `cycleError${side}`);
    assert.ok(cycle < 0.4 * figure(figures, `randomPairError${side}`) && cycle < 0.2 * figure(figures, `cycleError${side}Untrained`), `cycle error ${side}: ${cycle}`);
  }
  assert.ok(figure(figures, 'labelFlipRate') < 0.1 && figure(figures, 'labelFlipRateUntrained') > 0.5);
  // An honest cycle: faint noise on the translations does not undo it, so no hidden-signal finding.
  assert.ok(!diagnostics.some((line) => line.kind === 'hidden-signal'), JSON.stringify(diagnostics));

  // What the dashboard draws comes from the run: both directions' terms, the translations view, both critics' histograms.
  const metricNames = read.info.catalogue?.groups.flatMap((group) => group.metrics.map((metric) => metric.name)) ?? [];
  for (const name of ['dLossA', 'dLossB', 'adversarialAB', 'adversarialBA', 'cycleA', 'cycleB']) assert.ok(metricNames.includes(name), name);
  assert.deepEqual(read.info.views?.map((view) => view.name), ['translations']);
  assert.ok(fs.existsSync(path.join(run.runDir, 'samples', 'translations', `step-${STEPS}.png`)));
  const views = new Set(read.histograms.map((line) => line.view));
  assert.deepEqual([...views].sort(), ['discriminatorA', 'discriminatorB']);

  // Translate both ways from the CLI, and export both translators.
  const out = tempDir();
  const image = path.join(out, 'in.png');
  fs.writeFileSync(image, encodePng({ width: 28, height: 28, data: new Uint8Array(28 * 28 * 4).fill(255) }));
  for (const direction of ['ab', 'ba']) {
    const result = await cli('translate', run.runDir, '--direction', direction, '--in', image, '--out', path.join(out, direction));
    assert.equal(result.code, 0, result.all());
    assert.equal(decodePng(fs.readFileSync(path.join(out, direction, 'in.png'))).width, 28);
  }
  const exported = await cli('export', run.runDir, '--out', path.join(out, 'model'));
  assert.equal(exported.code, 0, exported.all());
  assert.match(exported.all(), /the a → b generator and, in ba\/, the b → a one/);
  const reverse = JSON.parse(fs.readFileSync(path.join(out, 'model', 'ba', 'gan-studio.json'), 'utf8')) as { inputs: { domain: string }[] };
  assert.equal(reverse.inputs[0]!.domain, 'b');
});

// The coloured ↔ digits recipe (2,000 steps) cut to 200: translating a textured coloured digit back
// to a plain one is harder (36 % at step 300, 64 % by step 1,000 on seed 1), but learning shows
// early against the untrained translator's 9.4 %; the digits' own round trip (b → a → b) comes back.
test('the coloured ↔ digits CycleGAN, shortened: translations into the digits beat the untrained translator, and FID falls', async (t) => {
  await useTestBackend();
  const run = await train({ runsDir: tempDir(), config: await shortened('examples/mnist-colored-cyclegan.gan.yaml', 200, 300) });
  assert.equal(run.info.status, 'completed');
  const { first, last } = await evaluationsOf(run.runDir);
  const figures = last.figures ?? [];
  const accuracy = figure(figures, 'translationAccuracy');
  t.diagnostic(`step 200: translations a → b keep their digit ${accuracy}, FID ${last.fid?.value} (step 0: ${first.fid?.value})`);
  assert.ok(accuracy >= 2 * figure(figures, 'translationAccuracyUntrained'), `translations a → b keeping their digit: ${accuracy}`);
  assert.ok(figure(figures, 'cycleErrorB') < 0.5 * figure(figures, 'randomPairErrorB'), `cycle error B ${figure(figures, 'cycleErrorB')}`);
  assert.ok(last.fid && first.fid && last.fid.value < 0.5 * first.fid.value, `FID ${first.fid?.value} → ${last.fid?.value}`);
});

test('translate explains what it cannot do: a plain GAN learns no translator', async () => {
  await useTestBackend();
  const gan = await train({ runsDir: tempDir(), config: resolvedConfig({ name: 'ring', data: { kind: 'ring', count: 256 }, training: { steps: 2, batchSize: 32 } }) });
  const result = await cli('translate', gan.runDir, '--in', 'x.png', '--out', tempDir());
  assert.equal(result.code, 2);
  assert.match(result.all(), /is a gan run, which learns no translator; translate works on runs of cyclegan or pix2pix/);
  const direction = await cli('translate', gan.runDir, '--direction', 'up', '--in', 'x.png', '--out', tempDir());
  assert.match(direction.all(), /--direction must be ab \(a → b\) or ba \(b → a\), found 'up'/);
});

function figure(figures: readonly FamilyFigure[], name: string): number {
  const found = figures.find((candidate) => candidate.name === name);
  assert.ok(found, `no ${name} among ${figures.map((candidate) => candidate.name).join(', ')}`);
  return found.value;
}
