import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectiveKind } from '../../src/core/config/objectiveSchema';
import { DiagnosticsDetector, diagnosticsOptions, type EvaluationObservation } from '../../src/core/eval/diagnostics';
import { diagnosticLine, type Diagnostic, type DiagnosticRule } from '../../src/core/eval/diagnosticFinding';
import { isDiagnosticRecord } from '../../src/core/run/evaluationRecords';
import { remediesFor } from '../../src/core/eval/diagnosticRemedies';
import { compareDiversity, meanPairwiseDistance } from '../../src/core/eval/diversity';
import * as thresholds from '../../src/core/eval/diagnosticThresholds';
import { isMetricsRecord, type GameRecord } from '../../src/core/run/records';
import { Random } from '../../src/core/util/random';
import { resolvedConfig } from './support/training';

// Synthetic metric series, one line every 10 steps (the default logging interval), with seeded
// batch noise, fed through the detector as the training loop would.

type Shape = (step: number, noise: () => number) => Partial<GameRecord>;

function lines(shape: Shape, { steps = 1000, every = 10, seed = 1 } = {}): GameRecord[] {
  const random = new Random(seed);
  const noise = () => random.float() * 2 - 1;
  return Array.from({ length: steps / every }, (_, i) => {
    const step = (i + 1) * every;
    return {
      step, time: '', elapsedSeconds: step / 50,
      dLoss: 1.38 + 0.05 * noise(), gLoss: 0.72 + 0.05 * noise(), dLossReal: 0.69, dLossFake: 0.69,
      dReal: 0.52 + 0.03 * noise(), dFake: 0.48 + 0.03 * noise(),
      gradNormD: 0.6 + 0.3 * noise(), gradNormG: 0.8 + 0.4 * noise(),
      stepsPerSecond: 50, examplesPerSecond: 3200,
      ...shape(step, noise),
    };
  });
}

function detect(records: readonly GameRecord[], objective: ObjectiveKind = 'non-saturating', realTarget = 1) {
  const detector = new DiagnosticsDetector({ objective, realTarget });
  return records.flatMap((record) => detector.observeMetrics(record));
}

const ofRule = (findings: readonly Diagnostic[], rule: DiagnosticRule) => findings.filter((f) => f.rule === rule);
const listed = (findings: readonly Diagnostic[]) => findings.map((f) => `${f.step} ${f.status} ${f.rule}: ${f.summary}`).join('\n') || 'none';

/** Healthy lines per objective: D near its undecided value, both gradients alive. */
const healthy: Record<ObjectiveKind, Shape> = {
  'minimax': () => ({}),
  'non-saturating': () => ({}),
  'least-squares': (_, n) => ({ dLoss: 0.25 + 0.02 * n(), gLoss: 0.13 + 0.02 * n() }),
  'hinge': (_, n) => ({ dReal: 0.1 + 0.05 * n(), dFake: -0.1 + 0.05 * n(), dLoss: 1.8 + 0.1 * n(), dLossReal: 0.9, dLossFake: 0.9, gLoss: 0.1 }),
  // A critic whose scores drift upwards by a constant (meaningless) while its distance estimate stays small and noisy.
  'wasserstein': (step, n) => {
    const drift = step / 20;
    const gap = 0.2 + 0.1 * n();
    return { dReal: drift + gap, dFake: drift, dLoss: -gap, gLoss: -drift, gradNormD: 1 + 0.2 * n() };
  },
};

test('healthy series raise nothing, for every objective', () => {
  for (const objective of Object.keys(healthy) as ObjectiveKind[]) {
    const findings = detect(lines(healthy[objective], { steps: 2000 }), objective);
    assert.equal(findings.length, 0, `${objective}: ${listed(findings)}`);
  }
});

test('vanishing gradients: minimax with D(G(z)) → 0 and a collapsing G gradient is an error; non-saturating is not', () => {
  const saturated: Shape = (step, n) => (step > 100
    ? { dReal: 0.999, dFake: 0.001 * (1 + 0.5 * n()), gradNormG: 0.01 * (1 + 0.5 * n()) } : {});
  const findings = ofRule(detect(lines(saturated), 'minimax'), 'vanishing-gradients');
  assert.equal(findings.length, 1, listed(findings));
  const [finding] = findings;
  assert.equal(finding!.severity, 'error');
  assert.equal(finding!.status, 'raised');
  assert.ok(finding!.step > 200 && finding!.step <= 320, `raised once a window (200 steps) of it was seen: step ${finding!.step}`);
  assert.ok(finding!.evidence.measured['D(G(z))']! < 0.002, JSON.stringify(finding!.evidence));
  assert.ok(finding!.evidence.measured['G gradient norm / peak']! < 0.05, JSON.stringify(finding!.evidence));
  assert.match(finding!.remedies[0]!, /non-saturating/);
  // The non-saturating loss's gradient does not vanish with D(G(z)): only a collapsing norm with it counts.
  const nonSaturating: Shape = (step, n) => (step > 100 ? { dReal: 0.999, dFake: 0.001 * (1 + 0.5 * n()) } : {});
  assert.deepEqual(ofRule(detect(lines(nonSaturating), 'non-saturating'), 'vanishing-gradients'), []);
});

test('vanishing gradients without probabilities needs a hundredfold collapse', () => {
  const collapse = (factor: number): Shape => (step, n) => ({ ...healthy['least-squares'](step, n), ...(step > 300 ? { gradNormG: factor * (1 + 0.2 * n()) } : {}) });
  assert.equal(ofRule(detect(lines(collapse(0.004)), 'least-squares'), 'vanishing-gradients').length, 1, 'G gradient at 0.5 % of its peak');
  assert.equal(ofRule(detect(lines(collapse(0.06)), 'least-squares'), 'vanishing-gradients').length, 0, 'G gradient at 7 % of its peak');
});

test('discriminator overpowering: judged on probabilities, least-squares labels and hinge margins; not on critics', () => {
  const separated: Shape = (step, n) => (step > 300 ? { dReal: 0.97 + 0.02 * n(), dFake: 0.03 + 0.02 * n() } : {});
  for (const objective of ['minimax', 'non-saturating', 'least-squares'] as const) {
    const [finding, ...rest] = ofRule(detect(lines(separated), objective), 'discriminator-overpowering');
    assert.equal(rest.length, 0);
    assert.equal(finding?.severity, 'warning', objective);
    assert.ok(finding!.evidence.measured['D(x) − D(G(z))']! > 0.9, JSON.stringify(finding!.evidence));
  }
  // One-sided label smoothing 0.1 caps D(x) near 0.9: the gap threshold scales with it (0.8 × 0.9).
  const smoothed: Shape = (step, n) => (step > 300 ? { dReal: 0.8 + 0.01 * n(), dFake: 0.03 + 0.01 * n() } : {});
  assert.equal(ofRule(detect(lines(smoothed), 'non-saturating', 0.9), 'discriminator-overpowering').length, 1, 'gap 0.77 > 0.72');
  assert.equal(ofRule(detect(lines(smoothed), 'non-saturating', 1), 'discriminator-overpowering').length, 0, 'gap 0.77 < 0.8');
  const hingeBeyondMargins: Shape = (step, n) => (step > 300
    ? { dReal: 1.6, dFake: -1.7, dLossReal: 0.01 + 0.005 * n(), dLossFake: 0.02 } : healthy.hinge(step, n));
  assert.equal(ofRule(detect(lines(hingeBeyondMargins), 'hinge'), 'discriminator-overpowering').length, 1);
  const criticGap: Shape = (step) => (step > 300 ? { dReal: 5, dFake: -5, dLoss: -10 } : {});
  assert.equal(ofRule(detect(lines(criticGap), 'wasserstein'), 'discriminator-overpowering').length, 0);
});

test('a condition is reported once, resolved once it clears, and raised again if it recurs', () => {
  const episodes: Shape = (step, n) => ((step > 100 && step <= 500) || step > 900
    ? { dReal: 0.98 + 0.01 * n(), dFake: 0.02 + 0.01 * n() } : {});
  const findings = ofRule(detect(lines(episodes, { steps: 1400 })), 'discriminator-overpowering');
  assert.deepEqual(findings.map((f) => f.status), ['raised', 'resolved', 'raised'], listed(findings));
  const [raised, resolved, again] = findings;
  assert.ok(raised!.step <= 500 && resolved!.step > 500 && resolved!.step < 900 && again!.step > 900, listed(findings));
  assert.equal(resolved!.since, raised!.step);
  assert.deepEqual(resolved!.remedies, []);
  assert.ok(raised!.remedies.length >= 3);
});

test('oscillation: large sustained swings of D outputs; not a trend, not batch noise, not small swings', () => {
  const sine = (amplitude: number, period = 80): Shape => (step, n) => ({ dFake: 0.5 + amplitude * Math.sin((2 * Math.PI * step) / period) + 0.02 * n() });
  const [finding, ...rest] = ofRule(detect(lines(sine(0.3))), 'oscillation');
  assert.equal(rest.length, 0);
  assert.equal(finding?.severity, 'warning');
  assert.ok(finding!.step >= 400, `needs two windows (400 steps): ${finding!.step}`);
  assert.ok(finding!.evidence.measured['D(G(z)) amplitude']! > 0.15, JSON.stringify(finding!.evidence));
  assert.equal(ofRule(detect(lines(sine(0.04))), 'oscillation').length, 0, 'swings of ±0.04');
  const trend: Shape = (step, n) => ({ dFake: 0.5 - 0.4 * (step / 1000) + 0.02 * n() });
  assert.equal(ofRule(detect(lines(trend)), 'oscillation').length, 0, 'a steady decline');
  const noisy: Shape = (_, n) => ({ dFake: 0.45 + 0.12 * n() });
  assert.equal(ofRule(detect(lines(noisy)), 'oscillation').length, 0, 'uniform batch noise of ±0.12 (σ 0.07)');
  const hinge = (amplitude: number): Shape => (step, n) => ({ ...healthy.hinge(step, n), dFake: -0.3 + amplitude * Math.sin((2 * Math.PI * step) / 100) });
  assert.equal(ofRule(detect(lines(hinge(0.15)), 'hinge'), 'oscillation').length, 0, 'hinge scores have twice the scale');
  assert.equal(ofRule(detect(lines(hinge(0.6)), 'hinge'), 'oscillation').length, 1);
});

test('oscillation of a Wasserstein critic: its distance estimate swinging, structured, relative to its size', () => {
  const estimate = (at: (step: number, n: () => number) => number): Shape => (step, n) => {
    const gap = at(step, n);
    return { dReal: step / 20 + gap, dFake: step / 20, dLoss: -gap };
  };
  const swinging = estimate((step, n) => 0.5 + 0.5 * Math.sin((2 * Math.PI * step) / 120) + 0.05 * n());
  assert.equal(ofRule(detect(lines(swinging), 'wasserstein'), 'oscillation').length, 1);
  // Batch noise as large as a small estimate alternates from line to line: no structure, no finding.
  const noisy = estimate((_, n) => 0.1 + 0.15 * n());
  assert.equal(ofRule(detect(lines(noisy), 'wasserstein'), 'oscillation').length, 0);
});

test('divergence: a warning when losses grow 10×, escalated to an error at 100×, resolved when they come back', () => {
  const blowUp: Shape = (step) => {
    const growth = step <= 300 ? 1 : step <= 600 ? 1.5 ** ((step - 300) / 10) : 1;
    return { gLoss: 0.7 * growth, dLoss: 1.3 * growth, gradNormG: 0.8 * Math.sqrt(growth) };
  };
  const findings = ofRule(detect(lines(blowUp, { steps: 900 })), 'divergence');
  assert.deepEqual(findings.map((f) => `${f.status} ${f.severity}`), ['raised warning', 'escalated error', 'resolved error'], listed(findings));
  const [warning, error] = findings;
  assert.ok(warning!.step < error!.step, listed(findings));
  assert.ok(error!.evidence.measured['growth over the early scale (least of the lines)']! >= 100, JSON.stringify(error!.evidence));
  assert.equal(error!.since, warning!.step);
  // A single wild line is not a blow-up.
  const spike: Shape = (step) => (step === 500 ? { gLoss: 500, gradNormG: 300 } : {});
  assert.equal(ofRule(detect(lines(spike)), 'divergence').length, 0);
  // A critic's scores drifting by a constant are not divergence; its D loss exploding is.
  assert.equal(ofRule(detect(lines(healthy.wasserstein, { steps: 3000 }), 'wasserstein'), 'divergence').length, 0);
  const critic: Shape = (step, n) => ({ ...healthy.wasserstein(step, n), ...(step > 400 ? { dLoss: -200 } : {}) });
  assert.equal(ofRule(detect(lines(critic), 'wasserstein'), 'divergence')[0]?.severity, 'error');
});

// Evaluations every 50 steps, as on the histogram schedule.
function evaluations(at: (step: number) => Omit<EvaluationObservation, 'step'>, steps = 1000, every = 50): EvaluationObservation[] {
  return Array.from({ length: steps / every + 1 }, (_, i) => ({ step: i * every, ...at(i * every) }));
}

function detectSamples(observations: readonly EvaluationObservation[]) {
  const detector = new DiagnosticsDetector({ objective: 'non-saturating' });
  return observations.flatMap((o) => detector.observeEvaluation(o));
}

/** Coverage of an 8-mode ring with `counts` high-quality samples on the first modes. */
function ring(counts: readonly number[], ratio: number): Omit<EvaluationObservation, 'step'> {
  const perMode = [...counts, ...new Array<number>(8 - counts.length).fill(0)];
  const covered = perMode.filter((n) => n > 0).length;
  return {
    diversity: { generated: ratio, real: 1, ratio },
    coverage: { modes: 8, modesCovered: covered, perMode, highQualityShare: perMode.reduce((a, b) => a + b, 0) / 256 },
  };
}

test('mode collapse on a 2D mixture: few modes while samples are concentrated, or modes lost since the peak', () => {
  const healthyRing = () => ring([12, 10, 14, 9, 11, 13, 10, 12], 0.95);
  assert.deepEqual(detectSamples(evaluations(healthyRing)), []);
  // Collapsed onto one mode from the start: nothing during the warm-up (a fresh G is a small cloud too).
  const oneMode = detectSamples(evaluations(() => ring([90], 0.08)));
  assert.equal(oneMode.length, 1, listed(oneMode));
  assert.equal(oneMode[0]!.severity, 'error');
  assert.equal(oneMode[0]!.step, 400, 'one window of warm-up, then a window of evidence');
  assert.equal(oneMode[0]!.evidence.measured['modes covered'], 1);
  // Spread but not yet on the modes (early learning) is not collapse.
  assert.deepEqual(detectSamples(evaluations(() => ring([2, 1], 0.9))), []);
  // Covered all 8, then lost 3 while the spread stays data-like: modes lost.
  const lost = detectSamples(evaluations((step) => (step < 500 ? healthyRing() : ring([20, 15, 20, 18, 22], 0.8))));
  assert.equal(lost.length, 1, listed(lost));
  assert.equal(lost[0]!.severity, 'warning');
  assert.equal(lost[0]!.evidence.measured['peak modes covered'], 8);
  assert.match(lost[0]!.summary, /covers 5 of 8 modes \(8 at most so far; covered: a sample within 3σ of the mode\)/, 'the summary says what covered means');
});

test('a collapse that clears while few modes are covered says the samples are spread, not on the modes', () => {
  // Collapsed onto one mode, then spread like the data but still off the modes (1 of 8 covered).
  const findings = detectSamples(evaluations((step) => (step < 700 ? ring([90], 0.08) : ring([3], 0.95))));
  assert.deepEqual(findings.map((f) => f.status), ['raised', 'resolved'], listed(findings));
  const cleared = findings[1]!.summary;
  assert.match(cleared, /^No longer collapsed onto a few modes: G's samples spread 95 % as far as the data's; but only 1 of 8 modes have a sample within 3σ yet/);
  assert.doesNotMatch(cleared, /varied again/, 'the words do not contradict the figure');
  // Covering most modes again is "varied again".
  const recovered = detectSamples(evaluations((step) => (step < 700 ? ring([90], 0.08) : ring([12, 10, 14, 9, 11, 13, 10], 0.9))));
  assert.match(recovered[1]!.summary, /^The samples are varied again: G covers 7 of 8 modes/);
});

test('mode collapse from diversity alone (images), resolved when samples vary again', () => {
  const ratios = (step: number) => ({ diversity: { generated: 1, real: 1, ratio: step >= 300 && step < 700 ? 0.3 : 0.9 } });
  const findings = detectSamples(evaluations(ratios));
  assert.deepEqual(findings.map((f) => `${f.status} ${f.severity}`), ['raised warning', 'resolved warning'], listed(findings));
  assert.match(findings[0]!.summary, /30 %/);
  const severe = detectSamples(evaluations(() => ({ diversity: { generated: 0.1, real: 1, ratio: 0.1 } })));
  assert.equal(severe[0]?.severity, 'error');
});

test('mode cycling: the mode G sits on changing at every evaluation is oscillation', () => {
  const hopping = detectSamples(evaluations((step) => {
    const counts = new Array<number>(8).fill(0);
    counts[(step / 50) * 3 % 8] = 30;
    return ring(counts, 0.1);
  }));
  const cycling = ofRule(hopping, 'mode-cycling');
  assert.equal(cycling.length, 1, listed(hopping));
  assert.equal(cycling[0]!.kind, 'oscillation');
  assert.match(cycling[0]!.summary, /→/);
  // Stuck on one mode is collapse, not cycling.
  assert.deepEqual(ofRule(detectSamples(evaluations(() => ring([30], 0.1))), 'mode-cycling'), []);
});

test('a resumed detector reports nothing it already reported', () => {
  const separated: Shape = (step, n) => (step > 100 ? { dReal: 0.98 + 0.01 * n(), dFake: 0.02 + 0.01 * n() } : {});
  const all = lines(separated, { steps: 800 });
  const first = new DiagnosticsDetector({ objective: 'non-saturating' });
  const before = all.slice(0, 40).flatMap((r) => first.observeMetrics(r));
  assert.equal(before.length, 1, listed(before));
  const resumed = new DiagnosticsDetector({ objective: 'non-saturating' });
  resumed.restore(all.slice(0, 40), before.map((finding) => diagnosticLine(finding)));
  assert.deepEqual(resumed.active, ['discriminator-overpowering']);
  assert.deepEqual(all.slice(40).flatMap((r) => resumed.observeMetrics(r)), []);
});

test('two rules of one kind: the kind is raised once and resolved when neither sees it', () => {
  const detector = new DiagnosticsDetector({ objective: 'non-saturating' });
  const swinging: Shape = (step, n) => (step <= 800 ? { dFake: 0.5 + 0.3 * Math.sin((2 * Math.PI * step) / 80) + 0.02 * n() } : {});
  const metrics = lines(swinging, { steps: 1600 });
  // G hops between modes from step 250 to 550 (a dominant mode every 50 steps), then spreads out.
  const hopping = evaluations((step) => {
    const counts = new Array<number>(8).fill(12);
    if (step >= 250 && step <= 550) counts.fill(0)[(step / 50) % 8] = 30;
    return ring(counts, step >= 250 && step <= 550 ? 0.6 : 0.95);
  }, 1600);
  const findings = metrics.flatMap((record) => [
    ...detector.observeMetrics(record),
    ...hopping.filter((o) => o.step === record.step).flatMap((o) => detector.observeEvaluation(o)),
  ]).filter((f) => f.kind === 'oscillation');
  assert.deepEqual(findings.map((f) => `${f.status} ${f.rule}`), ['raised mode-cycling', 'resolved oscillation'], listed(findings));
  assert.ok(findings[1]!.step > 800, `resolved once the D outputs settle too: ${listed(findings)}`);
});

test('a finding becomes a diagnostic line of metrics.jsonl, which metric readers skip', () => {
  const finding = detect(lines((step) => (step > 100 ? { dReal: 0.99, dFake: 0.01 } : {})))[0]!;
  assert.deepEqual(Object.keys(finding).sort(), ['evidence', 'kind', 'remedies', 'rule', 'severity', 'status', 'step', 'summary']);
  const line: unknown = JSON.parse(JSON.stringify(diagnosticLine(finding, '2026-01-01T00:00:00.000Z')));
  assert.ok(isDiagnosticRecord(line));
  assert.equal(isMetricsRecord(line), false);
  assert.equal(isDiagnosticRecord(lines(() => ({}))[0]), false);
  assert.deepEqual(line, {
    type: 'diagnostic', step: finding.step, time: '2026-01-01T00:00:00.000Z', kind: 'discriminator-overpowering',
    state: 'raised', severity: 'warning', summary: finding.summary,
    evidence: [
      { name: 'D(x)', value: 0.99 }, { name: 'D(G(z))', value: 0.01 },
      { name: 'D(x) − D(G(z))', value: 0.98, threshold: { value: 0.8, when: 'above' } },
      { name: 'share of lines', value: finding.evidence.measured['share of lines'], threshold: { value: 0.8, when: 'above' } },
    ],
    window: { from: finding.evidence.window.fromStep, to: finding.evidence.window.toStep },
    remedies: finding.remedies,
  });
});

test('options come from the config: objective and one-sided label smoothing', () => {
  const { config } = resolvedConfig({ name: 'x', data: { kind: 'ring' }, objective: { kind: 'minimax' }, regularizers: { labelSmoothing: 0.1 } });
  assert.deepEqual(diagnosticsOptions(config), { objective: 'minimax', realTarget: 0.9 });
});

test('remedies fit the objective', () => {
  assert.match(remediesFor('vanishing-gradients', 'minimax').join('\n'), /non-saturating/);
  assert.doesNotMatch(remediesFor('vanishing-gradients', 'least-squares').join('\n'), /kind: non-saturating/);
  assert.match(remediesFor('vanishing-gradients', 'wasserstein').join('\n'), /gradientPenalty/);
  assert.doesNotMatch(remediesFor('discriminator-overpowering', 'hinge').join('\n'), /labelSmoothing/);
  assert.match(remediesFor('mode-collapse', 'non-saturating').join('\n'), /minibatchDiscrimination/);
  assert.match(remediesFor('mode-collapse', 'hinge')[0]!, /model\.discriminator\.packing/, 'packing first: the ring remedy of its paper');
  for (const kind of ['vanishing-gradients', 'discriminator-overpowering', 'mode-collapse', 'oscillation', 'divergence'] as const) {
    for (const objective of Object.keys(healthy) as ObjectiveKind[]) assert.ok(remediesFor(kind, objective).length >= 2, `${kind} ${objective}`);
  }
});

test('diversity: mean pairwise distance of evenly spaced examples, images pooled to at most 16 pixels a side', () => {
  assert.equal(meanPairwiseDistance([0, 0, 1, 0, 2, 0], [2]), 4 / 3, 'distances 1, 2 and 1');
  // Data stored in class order (500 at the origin, then 500 at x = 1): the examples compared span both.
  const ordered = Float32Array.from({ length: 2000 }, (_, i) => (i % 2 === 0 && i >= 1000 ? 1 : 0));
  const spread = meanPairwiseDistance(ordered, [2]);
  assert.ok(spread > 0.45 && spread < 0.55, `half the pairs straddle the classes: ${spread}`);
  assert.deepEqual(compareDiversity(ordered, spread, [2]), { generated: spread, real: spread, ratio: 1 });
  assert.equal(compareDiversity(new Float32Array(200).fill(0.3), spread, [2]).ratio, 0, 'one point repeated');
  // Two 28×28 images that differ by 1 in one 2×2 block: pooled 2×2 → one cell apart by 1 (unpooled: 2).
  const images = new Float32Array(2 * 28 * 28);
  for (const [y, x] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) images[28 * 28 + y * 28 + x] = 1;
  assert.equal(meanPairwiseDistance(images, [28, 28, 1]), 1);
  const random = new Random(5);
  const noise = random.fillNormal(new Float32Array(256 * 28 * 28));
  const started = performance.now();
  const first = meanPairwiseDistance(noise, [28, 28, 1]);
  const milliseconds = performance.now() - started;
  assert.equal(meanPairwiseDistance(noise, [28, 28, 1]), first, 'deterministic');
  assert.ok(milliseconds < 200, `128 MNIST-sized images compared in ${milliseconds.toFixed(1)} ms`);
});

test('docs/diagnostics.md documents every threshold constant with its value', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'diagnostics.md'), 'utf8');
  for (const [name, value] of Object.entries(thresholds)) {
    assert.ok(doc.includes(`\`${name}\``), `${name} is named in docs/diagnostics.md`);
    assert.ok(doc.includes(`\`${name}\` = ${value}`), `${name} = ${value} in docs/diagnostics.md`);
  }
});
