import type { DiagnosticRecord, EvaluationRecord } from '../../../src/core/run/evaluationRecords';

// What the run in runFixture measured and found: VEEGAN-style mode figures every 500 steps, and
// failure modes raised and cleared along the way (one cleared, one still active, one in an update).

/** The ring run's evaluation at `step`: modes found one by one, samples tightening onto them. */
export function ringEvaluation(step: number): EvaluationRecord {
  const progress = 1 - Math.exp(-step / 1500);
  return {
    type: 'evaluation', step, time: new Date(Date.UTC(2025, 0, 1, 12) + step * 8).toISOString(), samples: 2500,
    seconds: 0.35 + (step % 7) / 100,
    modes: { covered: Math.min(8, 3 + Math.floor(step / 600)), total: 8, highQualityShare: 0.45 + 0.48 * progress, kl: 0.02 + 0.9 * Math.exp(-step / 900), radius: 0.06 },
  };
}

/** A conditional GAN on digits: FID falling towards its floor, label accuracy rising. */
export function digitEvaluation(step: number): EvaluationRecord {
  return {
    type: 'evaluation', step, time: new Date(Date.UTC(2025, 0, 1, 12) + step * 40).toISOString(), samples: 1000,
    seconds: 2.4, fid: { value: 12.3 + 140 * Math.exp(-step / 700), floor: 1.9 }, labelAccuracy: 0.94 - 0.8 * Math.exp(-step / 600),
  };
}

export function diagnostic(overrides: Partial<DiagnosticRecord> & Pick<DiagnosticRecord, 'step' | 'kind'>): DiagnosticRecord {
  return {
    type: 'diagnostic', time: new Date(Date.UTC(2025, 0, 1, 12) + overrides.step * 8).toISOString(), state: 'raised',
    severity: 'warning', summary: '', evidence: [], window: { from: overrides.step - 200, to: overrides.step }, remedies: [], ...overrides,
  };
}

const modeCollapse = diagnostic({
  step: 800, kind: 'mode-collapse',
  summary: 'Generated samples cover 3 of the 8 modes the data has.',
  evidence: [
    { name: 'modes covered', value: 3, threshold: { value: 6, when: 'below' } },
    { name: 'sample spread ÷ data spread', value: 0.21, threshold: { value: 0.5, when: 'below' } },
  ],
  remedies: [
    'Add minibatch discrimination to the discriminator.',
    'Switch to a Wasserstein objective with a gradient penalty.',
    'Lower the generator learning rate.',
  ],
});

/** Diagnostics at or before `lastStep`, in the order the run writes them. */
export function ringDiagnostics(lastStep: number): DiagnosticRecord[] {
  return [
    modeCollapse,
    diagnostic({
      step: 1700, kind: 'mode-collapse', state: 'cleared', window: { from: 1500, to: 1700 },
      summary: 'Samples cover 7 of the 8 modes again.',
      evidence: [{ name: 'modes covered', value: 7, threshold: { value: 6, when: 'below' } }],
    }),
    diagnostic({
      step: 2400, kind: 'discriminator-overpowering', severity: 'error', window: { from: 2200, to: 2400 },
      summary: 'D(x) stayed above 0.95 and D(G(z)) below 0.05 for 200 steps: the discriminator wins outright.',
      evidence: [
        { name: 'mean D(x)', value: 0.972, threshold: { value: 0.95, when: 'above' } },
        { name: 'mean D(G(z))', value: 0.018, threshold: { value: 0.05, when: 'below' } },
        { name: 'generator gradient norm', value: 0.0031 },
      ],
      remedies: ['Lower the discriminator learning rate.', 'Add instance noise to D\'s inputs.', 'Add an R1 penalty on real data.'],
    }),
    diagnostic({
      step: 3250, kind: 'oscillation', window: { from: 2950, to: 3250 },
      summary: 'G loss swung by 1.8 around its mean over 300 steps without trending down.',
      evidence: [{ name: 'G loss amplitude', value: 1.8, threshold: { value: 1, when: 'above' } }, { name: 'G loss trend per 100 steps', value: -0.01 }],
      remedies: ['Lower both learning rates.', 'Use Adam with β1 = 0.5.'],
    }),
  ].filter((record) => record.step <= lastStep);
}
