import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChangeRecord } from '../../../src/core/run/changeRecords';
import type { FieldRecord, HistogramRecord, PlanePoint } from '../../../src/core/run/records';
import { ganCatalogue } from '../../../src/core/families/gan/catalogue';
import type { CompareCandidate, HostToDashboard, MetricSeries, RunHeader, SampleFrame } from '../../../src/protocol/dashboardMessages';
import { encodePng } from '../../../src/core/render/png';
import { ringDiagnostics, ringEvaluation } from './findingsFixture';

// A recorded-looking run for the dashboard: a WGAN-GP-ish 2D "ring" run with losses converging,
// D outputs separating then mixing, histograms, sample grids (real PNG files), a field, and the
// evaluations and diagnostics of findingsFixture.

type Snapshot = Extract<HostToDashboard, { type: 'snapshot' }>;
type Update = Extract<HostToDashboard, { type: 'update' }>;
/** The columns a ring run logs (metrics.jsonl fields). */
type RingColumn = 'dLoss' | 'gLoss' | 'dLossReal' | 'dLossFake' | 'gradientPenalty' | 'dReal' | 'dFake' | 'gradNormD' | 'gradNormG' | 'stepsPerSecond';

/** A small seeded generator (mulberry32) so fixtures and screenshots are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The ring run's training time at `step`: 0.8 s a step, then from step 1500 (resumed on a slower
 * machine) 2 s a step. Not proportional to the step, so a time axis that drew steps would show.
 */
export function ringElapsedSeconds(step: number): number {
  return step <= 1500 ? step * 0.8 : 1200 + (step - 1500) * 2;
}

/** Metrics for `count` logged steps from `firstStep`, one every `every` steps. */
export function metricRows(firstStep: number, count: number, every = 10, seed = 1): MetricSeries {
  const random = seededRandom(seed + firstStep);
  const noise = (scale: number): number => (random() - 0.5) * 2 * scale;
  const steps: number[] = [];
  const columns: Record<RingColumn, number[]> = {
    dLoss: [], gLoss: [], dLossReal: [], dLossFake: [], gradientPenalty: [], dReal: [], dFake: [], gradNormD: [], gradNormG: [], stepsPerSecond: [],
  };
  for (let row = 0; row < count; row++) {
    const step = firstStep + row * every;
    const progress = 1 - Math.exp(-step / 1500);
    const dReal = 0.5 + 0.25 * Math.exp(-step / 800) + 0.1 * (1 - progress) + noise(0.04);
    const dFake = 0.5 - 0.3 * Math.exp(-step / 800) + noise(0.04);
    const dLossReal = -Math.log(Math.max(dReal, 1e-3));
    const dLossFake = -Math.log(Math.max(1 - dFake, 1e-3));
    const gradientPenalty = 0.05 * Math.exp(-step / 1200) + Math.abs(noise(0.01));
    steps.push(step);
    columns.dLoss.push(dLossReal + dLossFake + gradientPenalty);
    columns.gLoss.push(-Math.log(Math.max(dFake, 1e-3)) + noise(0.05));
    columns.dLossReal.push(dLossReal);
    columns.dLossFake.push(dLossFake);
    columns.gradientPenalty.push(gradientPenalty);
    columns.dReal.push(dReal);
    columns.dFake.push(dFake);
    columns.gradNormD.push(1 + noise(0.3));
    columns.gradNormG.push(0.5 + noise(0.2));
    columns.stepsPerSecond.push(120 + noise(10));
  }
  return { steps, elapsedSeconds: steps.map(ringElapsedSeconds), values: columns };
}

export function histogramRecord(step: number, bins = 24): HistogramRecord {
  const separation = 0.35 * Math.exp(-step / 900);
  const bump = (centre: number): number[] => Array.from({ length: bins }, (_, bin) => {
    const x = (bin + 0.5) / bins;
    return Math.round(200 * Math.exp(-((x - centre) ** 2) / 0.01));
  });
  return { step, lo: 0, hi: 1, real: bump(0.5 + separation), fake: bump(0.5 - separation), realMean: 0.5 + separation, fakeMean: 0.5 - separation };
}

/** A ring of eight Gaussians; D high on the ring; generated points drifting outwards onto it. */
export function fieldRecord(step: number, size = 32): FieldRecord {
  const random = seededRandom(step + 7);
  const bounds = { xMin: -2, xMax: 2, yMin: -2, yMax: 2 };
  const scores: number[] = [];
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = bounds.xMin + ((i + 0.5) / size) * 4;
      const y = bounds.yMax - ((j + 0.5) / size) * 4;
      scores.push(1 / (1 + Math.exp(6 * (Math.abs(Math.hypot(x, y) - 1.4) - 0.35))));
    }
  }
  const real: PlanePoint[] = Array.from({ length: 120 }, (_, index) => {
    const angle = (Math.floor(index % 8) / 8) * Math.PI * 2;
    return [1.4 * Math.cos(angle) + (random() - 0.5) * 0.2, 1.4 * Math.sin(angle) + (random() - 0.5) * 0.2];
  });
  const radius = 0.3 + Math.min(1, step / 3000) * 0.9;
  const fake: PlanePoint[] = Array.from({ length: 60 }, () => {
    const angle = random() * Math.PI * 2;
    const r = radius * (0.6 + random() * 0.5);
    return [r * Math.cos(angle), r * Math.sin(angle)];
  });
  const arrows: PlanePoint[] = fake.map(([x, y]) => {
    const r = Math.hypot(x, y) || 1;
    const pull = 1.4 - r;
    return [(x / r) * pull * 0.01, (y / r) * pull * 0.01];
  });
  // G's image of a 15 × 15 z lattice: a square that bends into an annulus as training goes on.
  const lattice = 15;
  const bend = Math.min(1, step / 3000);
  const points: PlanePoint[] = [];
  for (let row = 0; row < lattice; row++) {
    for (let column = 0; column < lattice; column++) {
      const [u, v] = [column / (lattice - 1) - 0.5, row / (lattice - 1) - 0.5];
      const angle = u * Math.PI * 2;
      const r = 1.4 + v * 0.6;
      points.push([(1 - bend) * u * 1.2 + bend * r * Math.cos(angle), (1 - bend) * v * 1.2 + bend * r * Math.sin(angle)]);
    }
  }
  return { step, bounds, size, scores, scoreRange: [0, 1], real, fake, arrows, latentGrid: { size: lattice, dims: 2, range: 2, points } };
}

/** Writes a 4×4 grid of 16×16 tiles for `step` as a real PNG and returns its frame (a file URI). */
export function writeSampleFrame(dir: string, step: number): SampleFrame {
  const random = seededRandom(step * 31 + 3);
  const side = 64;
  const data = new Uint8Array(side * side * 4);
  const sharpness = Math.min(1, step / 2000);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const tile = Math.floor(y / 16) * 4 + Math.floor(x / 16);
      const inside = Math.hypot((x % 16) - 7.5, (y % 16) - 7.5) < 3 + (tile % 4);
      const value = (inside ? 230 * sharpness : 20) + random() * 80 * (1 - sharpness);
      const offset = (y * side + x) * 4;
      data[offset] = data[offset + 1] = data[offset + 2] = Math.min(255, Math.round(value));
      data[offset + 3] = 255;
    }
  }
  const file = path.join(dir, 'samples', `step-${step}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encodePng({ width: side, height: side, data }));
  return { step, uri: pathToFileURL(file).href };
}

export function runHeader(overrides: Partial<RunHeader> = {}): RunHeader {
  return {
    runDir: '/work/.gan/runs/ring-20250101-1200', runId: 'ring-20250101-1200', name: 'Ring of Gaussians',
    status: 'running', step: 0, totalSteps: 5000, stepsPerSecond: 120, etaSeconds: 0, backend: 'wasm',
    live: true, dataKind: 'points', objective: 'non-saturating', metrics: ganCatalogue('non-saturating'), views: [], ...overrides,
  };
}

export interface RecordedStream {
  readonly snapshot: Snapshot;
  readonly updates: readonly Update[];
}

/**
 * A snapshot at step `rows × 10` and `updateCount` updates of 10 rows each, with histograms every
 * 100 steps, evaluations every 500, diagnostics, sample grids at 3 steps, plane records every 500 steps, and compare candidates.
 */
export function recordedStream(dir: string, rows = 300, updateCount = 5, compare: readonly CompareCandidate[] = []): RecordedStream {
  const every = 10;
  const lastSnapshotStep = (rows - 1) * every;
  const snapshotFrames = [0, Math.round(lastSnapshotStep / 2 / 100) * 100, lastSnapshotStep].map((step) => writeSampleFrame(dir, step));
  const stepsEvery = (every: number, from: number, to: number): number[] => {
    const steps: number[] = [];
    for (let step = Math.ceil(from / every) * every; step <= to; step += every) steps.push(step);
    return steps;
  };
  const histogramSteps = (from: number, to: number): number[] => stepsEvery(100, from, to);
  const evaluations = (from: number, to: number) => stepsEvery(500, from, to).filter((step) => step > 0).map(ringEvaluation);
  const diagnostics = (from: number, to: number) => ringDiagnostics(to).filter((record) => record.step >= from);
  // A student raised D's learning rate by hand at step 1200 (the live controls): the charts mark it.
  const changes = (from: number, to: number): ChangeRecord[] => [{
    type: 'change', step: 1200, time: '2026-11-20T10:05:00.000Z', change: { kind: 'learningRate', player: 'discriminator', value: 0.0005 },
  } as const].filter((record) => record.step >= from && record.step <= to);
  const header = (step: number): RunHeader => runHeader({ step, etaSeconds: (5000 - step) / 120 });
  const snapshot: Snapshot = {
    type: 'snapshot', version: 1, compare, canSnapshotToNote: true, header: header(lastSnapshotStep),
    metrics: metricRows(0, rows, every), histograms: histogramSteps(0, lastSnapshotStep).map((step) => histogramRecord(step)),
    samples: snapshotFrames, fields: [...stepsEvery(500, 0, lastSnapshotStep - 1), lastSnapshotStep].map((step) => fieldRecord(step)),
    evaluations: evaluations(0, lastSnapshotStep), diagnostics: diagnostics(0, lastSnapshotStep), changes: changes(0, lastSnapshotStep),
  };
  const updates: Update[] = [];
  for (let index = 0; index < updateCount; index++) {
    const first = lastSnapshotStep + every * (1 + index * 10);
    const last = first + every * 9;
    updates.push({
      type: 'update', version: 2 + index, header: header(last), metrics: metricRows(first, 10, every),
      histograms: histogramSteps(first, last).map((step) => histogramRecord(step)), samples: [], fields: [fieldRecord(last)],
      evaluations: evaluations(first, last), diagnostics: diagnostics(first, last), changes: changes(first, last),
    });
  }
  return { snapshot, updates };
}
