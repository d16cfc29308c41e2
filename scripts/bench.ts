// Prints training speed (median ms per step: k = 1 D-step + 1 G-step, batch 64) for the workloads
// of the speed targets, on the backend `auto` picks (or --backend B), then the extension host's
// figures (event-loop lag while training), the dashboard feed's cost on a 100,000-step run, and what
// evaluating generated digits costs (classifier features + FID).
// DCGAN-28 is slow on the pure-JS backends today, so it runs fewer steps.
//   npm run bench [-- --backend cpu] [-- --only toy2d|mlp-784|dcgan-28|eval|host|dashboard]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configHash } from '../src/core/config/configHash';
import { ganConfigSchema, type GanConfigInput } from '../src/core/config/schema';
import type { BackendName } from '../src/core/config/trainingSchema';
import { TrainingSession } from '../src/core/train/session';
import { benchDashboard } from './benchDashboard';
import { benchEvaluation } from './benchEvaluation';
import { benchHost } from './benchHost';

const workloads: Record<string, { steps: number; config: GanConfigInput }> = {
  toy2d: { steps: 200, config: {
    name: 'bench-toy2d', data: { kind: 'ring' },
    model: { kind: 'mlp', latentSize: 2, generator: { hidden: [128, 128] }, discriminator: { hidden: [128, 128] } },
    training: { batchSize: 256 },
  } },
  'mlp-784': { steps: 40, config: {
    name: 'bench-mlp784', data: { kind: 'mnist' },
    model: { kind: 'mlp', latentSize: 100, generator: { hidden: [256, 512] }, discriminator: { hidden: [512, 256] } },
  } },
  'dcgan-28': { steps: 6, config: {
    name: 'bench-dcgan28', data: { kind: 'mnist' },
    model: { kind: 'dcgan', latentSize: 100, generator: { channels: 64 }, discriminator: { channels: 64 } },
  } },
};

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function measure(name: string, steps: number, input: GanConfigInput, backend: BackendName): Promise<void> {
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-bench-'));
  const config = ganConfigSchema.parse({
    ...input,
    training: { batchSize: 64, ...input.training, steps },
    logging: { every: 10_000, histogramEvery: 10_000 }, samples: { every: 10_000 }, checkpoints: { every: 10_000 },
  });
  const session = await TrainingSession.create({ runsDir, config: { config, hash: configHash(config) }, backend });
  const durations: number[] = [];
  let last = performance.now();
  session.on((event) => {
    if (event.type !== 'progress') return;
    const now = performance.now();
    durations.push(now - last);
    last = now;
  });
  last = performance.now();
  await session.run();
  session.dispose();
  fs.rmSync(runsDir, { recursive: true, force: true });
  // The first steps include optimizer set-up and kernel warm-up.
  const steady = durations.slice(Math.min(2, durations.length - 1)).sort((a, b) => a - b);
  const median = steady[Math.floor(steady.length / 2)]!;
  console.log(`${name.padEnd(9)} ${session.info.backend?.backend.padEnd(6)} batch ${config.training.batchSize}: ` +
    `${median.toFixed(1)} ms/step median (${(1000 / median).toFixed(1)} steps/s) over ${steady.length} steps`);
}

async function main(): Promise<void> {
  const backend = (option('backend') ?? 'auto') as BackendName;
  const only = option('only');
  for (const [name, workload] of Object.entries(workloads)) {
    if (only && only !== name) continue;
    await measure(name, workload.steps, workload.config, backend);
  }
  if (!only || only === 'eval') await benchEvaluation(backend);
  if (!only || only === 'host') await benchHost();
  if (!only || only === 'dashboard') await benchDashboard();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
