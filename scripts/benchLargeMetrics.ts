// What a huge metrics.jsonl costs the extension host: the dashboard feed's first read and snapshot
// of a 110 MB file (a hostile repository can ship one; a run of a million logged steps writes one),
// the event loop's longest block meanwhile, the process's peak memory and the snapshot's size.
// Runs in a child process of its own, so the peak memory is this work's alone.
//   node --import tsx scripts/benchLargeMetrics.ts [megabytes]      (npm run bench -- --only large-metrics)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RunFeed } from '../src/host/dashboardFeed';
import type { RunHeader } from '../src/protocol/dashboardMessages';
import { metricsLine } from './benchDashboard';
import { ganCatalogue } from '../src/core/families/gan/catalogue';

interface LargeMetricsFigures {
  readonly megabytes: number;
  readonly lines: number;
  readonly snapshotMs: number;
  readonly longestBlockMs: number;
  readonly peakRssMb: number;
  readonly snapshotRows: number;
  readonly snapshotMb: number;
}

function writeMetrics(file: string, megabytes: number): number {
  const out = fs.openSync(file, 'w');
  let lines = 0;
  let bytes = 0;
  try {
    while (bytes < megabytes * 1e6) {
      const chunk = Array.from({ length: 10_000 }, (_, i) => metricsLine(lines + i + 1)).join('');
      fs.writeSync(out, chunk);
      lines += 10_000;
      bytes += Buffer.byteLength(chunk);
    }
  } finally {
    fs.closeSync(out);
  }
  return lines;
}

async function measure(megabytes: number): Promise<LargeMetricsFigures> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-bench-large-metrics-'));
  try {
    const lines = writeMetrics(path.join(runDir, 'metrics.jsonl'), megabytes);
    const header: RunHeader = { runDir, runId: 'large', name: 'large', status: 'completed', step: lines, totalSteps: lines, live: false,
      dataKind: 'points', objective: 'non-saturating', metrics: ganCatalogue('non-saturating'), views: [] };
    const feed = new RunFeed(runDir, (file) => file);
    const resolution = 10;
    const delay = monitorEventLoopDelay({ resolution });
    delay.enable();
    // The histogram samples from its second tick on: let it start before the work does.
    await new Promise((resolve) => setTimeout(resolve, resolution * 3));
    const started = performance.now();
    await feed.refresh();
    const snapshot = feed.snapshot({ header, compare: [], canSnapshotToNote: false });
    const snapshotMs = performance.now() - started;
    // One more turn of the loop, so a block that ended the work is sampled too.
    await new Promise((resolve) => setTimeout(resolve, resolution * 2));
    delay.disable();
    const rows = snapshot.type === 'snapshot' ? snapshot.metrics.steps.length : 0;
    return {
      megabytes, lines, snapshotMs, longestBlockMs: Math.max(0, delay.max / 1e6 - resolution),
      peakRssMb: process.resourceUsage().maxRSS / 1024, snapshotRows: rows, snapshotMb: JSON.stringify(snapshot).length / 1e6,
    };
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

/** Measures in a fresh process and prints one line. */
export function benchLargeMetrics(megabytes = 110): LargeMetricsFigures {
  const result = spawnSync(process.execPath, ['--import', 'tsx', __filename, String(megabytes)], { encoding: 'utf8' });
  const line = result.stdout.split('\n').find((text) => text.startsWith('BENCH '));
  if (result.status !== 0 || !line) throw new Error(`benchLargeMetrics failed:\n${result.stderr}`);
  const figures = JSON.parse(line.slice('BENCH '.length)) as LargeMetricsFigures;
  console.log(`\nlarge metrics.jsonl (${figures.megabytes} MB, ${figures.lines} lines): dashboard read and snapshot ${figures.snapshotMs.toFixed(0)} ms, ` +
    `longest event-loop block ${figures.longestBlockMs.toFixed(0)} ms, peak RSS ${figures.peakRssMb.toFixed(0)} MB, ` +
    `snapshot ${figures.snapshotRows} rows (${figures.snapshotMb.toFixed(2)} MB as JSON)`);
  return figures;
}

if (require.main === module) {
  void measure(Number(process.argv[2] ?? 110)).then((figures) => console.log(`BENCH ${JSON.stringify(figures)}`));
}
