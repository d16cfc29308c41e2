import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { GanConfigInput } from '../../src/core/config/schema';
import type { Dataset } from '../../src/core/data/dataset';
import { loadDataset } from '../../src/core/data/load';
import { DiagnosticsDetector, diagnosticsOptions, type EvaluationObservation } from '../../src/core/eval/diagnostics';
import { diagnosticLine, type Diagnostic, type DiagnosticRule } from '../../src/core/eval/diagnosticFinding';
import { compareDiversity, meanPairwiseDistance } from '../../src/core/eval/diversity';
import { modeCoverage } from '../../src/core/eval/modeCoverage';
import { isDiagnosticRecord, type DiagnosticRecord } from '../../src/core/run/evaluationRecords';
import { readJsonLines } from '../../src/core/run/jsonLines';
import { runFiles } from '../../src/core/run/layout';
import type { GameRecord, RunInfo } from '../../src/core/run/records';
import { readRun } from '../../src/core/run/runReader';
import { generateFromNoise } from '../../src/core/train/evaluation';
import { restoreGenerator } from '../../src/core/train/restore';
import { Random } from '../../src/core/util/random';
import { useTestBackend } from './support/backend';
import { gameLines, resolvedConfig, tempDir, train } from './support/training';

// Real short trainings built to fail in one way each, and one healthy run. The detector is fed
// what the run directory holds, in the order the training loop produces it: each metrics line,
// then (2D data, on the histogram schedule) the generated points of field.jsonl with their
// diversity and mode coverage.

interface Diagnosed {
  readonly info: RunInfo;
  readonly findings: readonly Diagnostic[];
  readonly dataset: Dataset;
  readonly runDir: string;
  readonly metrics: readonly GameRecord[];
}

async function trainAndDiagnose(t: TestContext, input: GanConfigInput): Promise<Diagnosed> {
  await useTestBackend();
  const { config, hash } = resolvedConfig(input);
  const started = performance.now();
  const { info, runDir, events } = await train({ runsDir: tempDir(), config: { config, hash } });
  const run = await readRun(runDir);
  const dataset = await loadDataset(config.data, { baseDir: '.', seed: config.seed });
  const realSpread = meanPairwiseDistance(dataset.values, dataset.exampleShape);
  const observations: EvaluationObservation[] = run.fields.map((field) => {
    const points = field.fake.flat();
    return {
      step: field.step,
      diversity: compareDiversity(points, realSpread, dataset.exampleShape),
      ...(dataset.mixture ? { coverage: modeCoverage(points, dataset.mixture) } : {}),
    };
  });
  const detector = new DiagnosticsDetector(diagnosticsOptions(config));
  const findings = gameLines(run.metrics).flatMap((record) => [
    ...detector.observeMetrics(record),
    ...observations.filter((o) => o.step === record.step).flatMap((o) => detector.observeEvaluation(o)),
  ]);
  t.diagnostic(`${config.name}: ${info.status} at step ${info.step} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const finding of findings) t.diagnostic(line(finding));
  // The training loop runs the same detector on the same inputs: its diagnostic lines in
  // metrics.jsonl (and its events) are these findings.
  const untimed = ({ time: _time, ...rest }: DiagnosticRecord) => rest;
  const written = await readJsonLines(path.join(runDir, runFiles.metrics), isDiagnosticRecord);
  assert.deepEqual(written.map(untimed), findings.map((finding) => untimed(diagnosticLine(finding))), 'the run\'s own diagnostic lines');
  assert.deepEqual(events.flatMap((event) => event.type === 'diagnostic' ? [untimed(event.record)] : []), written.map(untimed), 'diagnostic events');
  return { info, findings, dataset, runDir, metrics: gameLines(run.metrics) };
}

const line = (f: Diagnostic) => `step ${f.step} ${f.status} ${f.severity} ${f.rule}: ${f.summary}`;
const listed = (findings: readonly Diagnostic[]) => findings.map(line).join('\n') || 'no findings';
const raised = (findings: readonly Diagnostic[], rule: DiagnosticRule) => findings.filter((f) => f.rule === rule && f.status !== 'resolved');

const quiet = { histogramEvery: 100_000 } as const;
const endOnly = { samples: { every: 100_000 }, checkpoints: { every: 100_000 } } as const;

test('minimax with a fast D on MNIST: D overpowers and G\'s gradient vanishes', async (t) => {
  const run = await trainAndDiagnose(t, {
    name: 'saturating-minimax', seed: 2,
    data: { kind: 'mnist', limit: 1000 },
    objective: { kind: 'minimax' },
    model: { kind: 'mlp', latentSize: 16, generator: { hidden: [32] }, discriminator: { hidden: [64] } },
    // Plain SGD for G, as in the original paper: a saturated gradient really is a small step.
    training: { steps: 400, batchSize: 32, generatorOptimizer: { kind: 'sgd', learningRate: 0.01 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.002 } },
    logging: { every: 10, ...quiet }, ...endOnly,
  });
  const [vanishing] = raised(run.findings, 'vanishing-gradients');
  assert.ok(vanishing, listed(run.findings));
  assert.equal(vanishing.severity, 'error', line(vanishing));
  assert.ok(vanishing.evidence.measured['D(G(z))']! < 0.05 && vanishing.evidence.measured['G gradient norm / peak']! < 0.1,
    `median D(G(z)) and G gradient norm / peak: ${JSON.stringify(vanishing.evidence.measured)}`);
  const [overpowering] = raised(run.findings, 'discriminator-overpowering');
  assert.ok(overpowering && overpowering.evidence.measured['D(x) − D(G(z))']! > 0.8, listed(run.findings));
  assert.equal(raised(run.findings, 'divergence').length + raised(run.findings, 'oscillation').length, 0, listed(run.findings));
});

test('a fast G against a weak D on the ring collapses onto a single mode', async (t) => {
  const run = await trainAndDiagnose(t, {
    name: 'ring-collapse', seed: 1,
    data: { kind: 'ring', modes: 8, sigma: 0.05, count: 2000 },
    model: { kind: 'mlp', latentSize: 4, generator: { hidden: [64, 64] }, discriminator: { hidden: [32] } },
    training: { steps: 800, batchSize: 64, generatorOptimizer: { kind: 'adam', learningRate: 0.01 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.002 } },
    logging: { every: 10, histogramEvery: 50 }, ...endOnly,
  });
  const [collapse] = raised(run.findings, 'mode-collapse');
  assert.ok(collapse, listed(run.findings));
  assert.ok(collapse.evidence.measured['diversity ratio']! < 0.5 && collapse.evidence.measured['modes covered']! <= 4,
    `${line(collapse)} ${JSON.stringify(collapse.evidence.measured)}`);
  // The restored generator, on 2,500 fresh samples (the VEEGAN protocol), agrees.
  const restored = await restoreGenerator(run.runDir);
  const samples = await generateFromNoise(restored.generator, new Random(9).fillNormal(new Float32Array(2500 * restored.latent.noiseSize)), restored.latent.noiseSize);
  restored.dispose();
  const coverage = modeCoverage(samples, run.dataset.mixture!);
  const diversity = compareDiversity(samples, meanPairwiseDistance(run.dataset.values, [2]), [2]);
  t.diagnostic(`final: ${coverage.modesCovered}/8 modes covered, per mode ${coverage.perMode.join(',')}, diversity ratio ${diversity.ratio.toFixed(3)}`);
  assert.ok(coverage.modesCovered <= 2 && diversity.ratio < 0.5,
    `final samples: ${coverage.modesCovered}/8 modes, per mode ${coverage.perMode.join(',')}, diversity ratio ${diversity.ratio.toFixed(3)}`);
});

test('a one-dimensional latent on the ring hops from mode to mode', async (t) => {
  // A one-number latent concentrates G's samples; with both players on Adam 0.01, D rejects the
  // mode G sits on within a few steps and G jumps to another: the dominant mode changes every
  // 10–30 steps. Evaluating every 10 steps sees those hops; every 50 missed most of them, and
  // whether the first finding then showed 3 modes depended on the trajectory (on σ 0.05 modes,
  // 2 of 8 seeds). Measured while calibrating: raised at step 400 (the first judgement) with
  // ≥ 3 modes for seeds 1–20 on the fast wasm kernels (1 or 2 threads alike) and on TF.js's own.
  const run = await trainAndDiagnose(t, {
    name: 'ring-mode-hopping', seed: 1,
    data: { kind: 'ring', modes: 8, sigma: 0.1, count: 2000 },
    model: { kind: 'mlp', latentSize: 1, generator: { hidden: [64, 64] }, discriminator: { hidden: [64, 64] } },
    training: { steps: 500, batchSize: 64, generatorOptimizer: { kind: 'adam', learningRate: 0.01 }, discriminatorOptimizer: { kind: 'adam', learningRate: 0.01 } },
    logging: { every: 10, histogramEvery: 10 }, ...endOnly,
  });
  const [cycling] = raised(run.findings, 'mode-cycling');
  assert.ok(cycling, listed(run.findings));
  assert.equal(cycling.kind, 'oscillation');
  const modes = Object.entries(cycling.evidence.measured).filter(([name]) => name.startsWith('dominant mode at'));
  assert.ok(new Set(modes.map(([, mode]) => mode)).size >= 3, `the modes G sat on: ${JSON.stringify(Object.fromEntries(modes))}`);
});

test('an unconstrained Wasserstein critic with SGD momentum diverges, reported before the loss turns non-finite', async (t) => {
  const sgd = { kind: 'sgd', learningRate: 0.002, momentum: 0.9 } as const;
  const run = await trainAndDiagnose(t, {
    name: 'wgan-divergence', seed: 1,
    data: { kind: 'ring', modes: 8, sigma: 0.05, count: 2000 },
    objective: { kind: 'wasserstein' },
    model: { kind: 'mlp', latentSize: 8, generator: { hidden: [32, 32] }, discriminator: { hidden: [32, 32] } },
    training: { steps: 400, batchSize: 64, generatorOptimizer: sgd, discriminatorOptimizer: sgd },
    logging: { every: 5, ...quiet }, ...endOnly,
  });
  assert.equal(run.info.status, 'failed', `the NaN guard ends the run: ${run.info.error}`);
  const divergence = raised(run.findings, 'divergence');
  assert.deepEqual(divergence.map((f) => `${f.status} ${f.severity}`), ['raised warning', 'escalated error'], listed(run.findings));
  const [warning, error] = divergence;
  assert.ok(warning!.step + 50 <= run.info.step && error!.step < run.info.step,
    `warned at step ${warning!.step}, error at ${error!.step}, the run failed at ${run.info.step}: ${listed(divergence)}`);
});

test('SGD with high momentum oscillates: D(G(z)) swings between its extremes', async (t) => {
  const sgd = { kind: 'sgd', learningRate: 0.005, momentum: 0.9 } as const;
  const run = await trainAndDiagnose(t, {
    name: 'sgd-oscillation', seed: 1,
    data: { kind: 'ring', modes: 8, sigma: 0.05, count: 2000 },
    model: { kind: 'mlp', latentSize: 8, generator: { hidden: [32, 32] }, discriminator: { hidden: [32, 32] } },
    training: { steps: 600, batchSize: 64, generatorOptimizer: sgd, discriminatorOptimizer: sgd },
    logging: { every: 5, ...quiet }, ...endOnly,
  });
  const [oscillation] = raised(run.findings, 'oscillation');
  assert.ok(oscillation, listed(run.findings));
  const fake = run.metrics.filter((m) => m.step >= 200 && m.step <= 400).map((m) => m.dFake);
  const [lowest, highest] = [Math.min(...fake), Math.max(...fake)];
  t.diagnostic(`D(G(z)) over steps 200–400 ranged ${lowest.toFixed(3)}–${highest.toFixed(3)}`);
  assert.ok(oscillation.evidence.measured['D(G(z)) amplitude']! >= 0.1 && highest - lowest > 0.5,
    `${line(oscillation)}; D(G(z)) over steps 200–400 ranged ${lowest.toFixed(3)}–${highest.toFixed(3)}`);
  assert.equal(raised(run.findings, 'divergence').length, 0, listed(run.findings));
});

test('a healthy run on the ring raises nothing', async (t) => {
  // The ring recipe of before packing, scaled down: D one layer deeper than G (with a wider G, 128-128, or
  // a D only two layers deep, G hops from mode to mode instead), leaky D, non-saturating loss,
  // Adam 0.002 (β1 0.5). It covers all 8 modes by steps 200–400 and keeps them. Measured while
  // calibrating, seeds 1–10, fast wasm kernels and TF.js's own: nothing raised; at most 48 % of a
  // window's evaluations below the mode-collapse line (80 % raises), all at step 400 while G
  // still learns its last modes.
  const run = await trainAndDiagnose(t, {
    name: 'ring-healthy', seed: 1,
    data: { kind: 'ring', modes: 8, sigma: 0.1, count: 4000 },
    objective: { kind: 'non-saturating' },
    model: {
      kind: 'mlp', latentSize: 16,
      generator: { hidden: [64, 64], activation: 'relu' },
      discriminator: { hidden: [64, 64, 64], activation: 'leakyRelu' },
    },
    training: {
      steps: 600, batchSize: 128,
      generatorOptimizer: { kind: 'adam', learningRate: 0.002, beta1: 0.5, beta2: 0.999 },
      discriminatorOptimizer: { kind: 'adam', learningRate: 0.002, beta1: 0.5, beta2: 0.999 },
    },
    logging: { every: 10, histogramEvery: 10 }, ...endOnly,
  });
  assert.equal(run.info.status, 'completed');
  assert.deepEqual(run.findings, [], listed(run.findings));
  // Healthy, not merely unflagged: the last evaluation covers the ring.
  const last = (await readRun(run.runDir)).fields.at(-1)!;
  const coverage = modeCoverage(last.fake.flat(), run.dataset.mixture!);
  t.diagnostic(`step ${last.step}: ${coverage.modesCovered}/8 modes covered, per mode ${coverage.perMode.join(',')}`);
  assert.ok(coverage.modesCovered >= 7, `step ${last.step}: ${coverage.modesCovered}/8 modes covered, per mode ${coverage.perMode.join(',')}`);
});
