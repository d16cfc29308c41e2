// What the extension host feels while a run trains: event-loop delay (p50/p99/max) with the
// trainer in a worker thread and in a forked process, against an idle baseline. The trainer is the
// real dist/trainer.js training examples/ring.gan.yaml; this process plays the host's part.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfigFile } from '../src/core/config/parse';
import type { TrainerTransport } from '../src/trainer/channel';
import { TrainerClient } from '../src/trainer/client';

const root = path.join(__dirname, '..');

interface LagFigures { p50: number; p99: number; max: number }

async function lagDuring(seconds: number, work?: () => { stop(): Promise<string> }): Promise<{ lag: LagFigures; note: string }> {
  const resolution = 2;
  const histogram = monitorEventLoopDelay({ resolution });
  const running = work?.();
  // Skip the trainer's start-up (module load, backend init) so the figures describe training.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  histogram.disable();
  const note = running ? await running.stop() : 'idle';
  // Samples are the time between timer ticks; the lag is what exceeds the tick.
  const ms = (ns: number) => Math.max(0, ns / 1e6 - resolution);
  return { lag: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) }, note };
}

function training(transport: TrainerTransport, runsDir: string, config: Awaited<ReturnType<typeof loadConfigFile>>) {
  return () => {
    const client = new TrainerClient(path.join(root, 'dist', 'trainer.js'), transport, { runsDir, config, backend: 'wasm', steps: 1_000_000 });
    let events = 0;
    let lastStep = 0;
    let firstStep: { step: number; at: number } | undefined;
    client.on((event) => {
      events++;
      if (event.type === 'progress') {
        lastStep = event.step;
        firstStep ??= { step: event.step, at: performance.now() };
      }
    });
    const started = performance.now();
    return {
      async stop() {
        const seconds = (performance.now() - (firstStep?.at ?? started)) / 1000;
        client.stop();
        await client.done;
        const rate = (lastStep - (firstStep?.step ?? 0)) / seconds;
        return `${rate.toFixed(0)} steps/s, ${(events / ((performance.now() - started) / 1000)).toFixed(0)} events/s received`;
      },
    };
  };
}

export async function benchHost(): Promise<void> {
  const config = await loadConfigFile(path.join(root, 'examples', 'ring.gan.yaml'));
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-bench-host-'));
  try {
    const rows: [string, Awaited<ReturnType<typeof lagDuring>>][] = [
      ['idle', await lagDuring(5)],
      ['worker', await lagDuring(10, training('worker', runsDir, config))],
      ['process', await lagDuring(10, training('process', runsDir, config))],
    ];
    for (const [name, { lag, note }] of rows) {
      console.log(`host lag  ${name.padEnd(8)} p50 ${lag.p50.toFixed(1)} ms, p99 ${lag.p99.toFixed(1)} ms, max ${lag.max.toFixed(1)} ms (${note})`);
    }
  } finally {
    fs.rmSync(runsDir, { recursive: true, force: true });
  }
}
