// One training workload in this process's backend configuration (set by scripts/bench.ts through
// the environment): prints one `BENCH {json}` line with the median step time and the FLOPs per
// step. A process per configuration, because the wasm backend's thread pool and kernel set are
// fixed when it starts.
//   node --import tsx scripts/benchTraining.ts <workload> <backend>
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configHash } from '../src/core/config/configHash';
import { ganConfigSchema } from '../src/core/config/schema';
import type { BackendName } from '../src/core/config/trainingSchema';
import { TrainingSession } from '../src/core/train/session';
import { activeBackend } from '../src/core/backend/init';
import { countFlops } from './benchFlops';
import { benchWorkloads, syntheticImages } from './benchWorkloads';

export interface TrainingFigures {
  readonly workload: string;
  readonly backend: string;
  readonly detail: string;
  readonly batchSize: number;
  readonly msPerStep: number;
  /**
   * The 10th-percentile step time: what the code does while the machine is quiet. Shared and
   * virtual machines have phases where every step runs up to 1.5× slower; medians move with them.
   */
  readonly msPerStepP10: number;
  readonly steps: number;
  readonly flopsPerStep: number;
}

async function main(): Promise<void> {
  const [name, requested] = process.argv.slice(2) as [string, BackendName];
  const workload = benchWorkloads[name];
  if (!workload) throw new Error(`unknown workload ${name}: one of ${Object.keys(benchWorkloads).join(', ')}`);
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-bench-'));
  const images = path.join(runsDir, 'images');
  if (workload.images) syntheticImages(images, workload.images.count, workload.images.size);
  const config = ganConfigSchema.parse({
    ...workload.config,
    ...(workload.images ? { data: { ...workload.config.data, path: images } } : {}),
    training: { batchSize: 64, ...workload.config.training, steps: workload.steps },
    logging: { every: 10_000, histogramEvery: 10_000 }, samples: { every: 10_000 }, checkpoints: { every: 10_000 },
  });
  // The session starts the backend as training does (threads chosen by the model), so nothing
  // here may start it first.
  const session = await TrainingSession.create({ runsDir, config: { config, hash: configHash(config) }, backend: requested });
  const report = activeBackend()!;
  const flops = countFlops();
  const durations: number[] = [];
  const stepFlops: number[] = [];
  let last = performance.now();
  session.on((event) => {
    if (event.type !== 'progress') return;
    const now = performance.now();
    durations.push(now - last);
    stepFlops.push(flops.count());
    last = now;
  });
  flops.count();
  last = performance.now();
  await session.run();
  session.dispose();
  fs.rmSync(runsDir, { recursive: true, force: true });
  // The first steps include optimizer set-up and kernel warm-up; the last one the final samples.
  const steady = durations.slice(2, -1).sort((a, b) => a - b);
  const figures: TrainingFigures = {
    workload: name,
    backend: report.backend,
    detail: report.attempts.at(-1)?.detail ?? '',
    batchSize: config.training.batchSize,
    msPerStep: steady[Math.floor(steady.length / 2)]!,
    msPerStepP10: steady[Math.floor(steady.length / 10)]!,
    steps: steady.length,
    flopsPerStep: stepFlops.slice(2, -1).sort((a, b) => a - b)[Math.floor(steady.length / 2)]!,
  };
  console.log(`BENCH ${JSON.stringify(figures)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
