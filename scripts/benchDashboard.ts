// The host's side of a 100,000-step dashboard: reading the run's metrics incrementally, building a
// full snapshot, its size as sent to the webview, and an update after 100 more logged steps.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { MetricsRecord } from '../src/core/run/records';
import { RunFeed } from '../src/host/dashboardFeed';
import type { RunHeader } from '../src/protocol/dashboardMessages';
import { ganCatalogue } from '../src/core/families/gan/catalogue';

/** One metrics.jsonl line of a healthy-looking run at `step`. */
export function metricsLine(step: number): string {
  const record: MetricsRecord = {
    step, time: new Date(0).toISOString(), elapsedSeconds: step / 50, dLoss: 1.3 + Math.sin(step / 500) / 10, gLoss: 0.8 + Math.cos(step / 700) / 10,
    dLossReal: 0.65, dLossFake: 0.66, dReal: 0.52, dFake: 0.47, gradNormD: 0.3, gradNormG: 0.2, stepsPerSecond: 50, examplesPerSecond: 3200,
  };
  return `${JSON.stringify(record)}\n`;
}

async function time<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

export async function benchDashboard(rows = 100_000): Promise<void> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-bench-dashboard-'));
  try {
    fs.writeFileSync(path.join(runDir, 'metrics.jsonl'), Array.from({ length: rows }, (_, i) => metricsLine(i + 1)).join(''));
    const header: RunHeader = { runDir, runId: 'bench', name: 'bench', status: 'running', step: rows, totalSteps: rows * 2, live: true,
      dataKind: 'points', objective: 'non-saturating', metrics: ganCatalogue('non-saturating'), views: [] };
    const context = { header, compare: [], canSnapshotToNote: false };
    const feed = new RunFeed(runDir, (file) => file);
    const [, readMs] = await time(() => feed.refresh());
    const [snapshot, snapshotMs] = await time(() => feed.snapshot(context));
    const bytes = JSON.stringify(snapshot).length;
    fs.appendFileSync(path.join(runDir, 'metrics.jsonl'), Array.from({ length: 100 }, (_, i) => metricsLine(rows + i + 1)).join(''));
    const [, updateMs] = await time(async () => { await feed.refresh(); return feed.update(context); });
    console.log(`dashboard ${rows} steps: first read ${readMs.toFixed(0)} ms, snapshot ${snapshotMs.toFixed(0)} ms ` +
      `(${(bytes / 1e6).toFixed(1)} MB as JSON), +100 steps read and update ${updateMs.toFixed(1)} ms`);
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}
