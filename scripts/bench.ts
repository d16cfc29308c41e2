// Training speed per workload and backend configuration (median ms per step, samples/s, GFLOP/s
// of the step's matrix products and convolutions), next to the machine's matrix-product rate;
// then the extension host's figures (also with a 110 MB metrics.jsonl and a hostile config), the
// dashboard feed's cost and the webview's drawing of a long run, what evaluation costs, and the logged training rate
// against the clock.
// Writes everything it measured to bench-results.json (or --json FILE).
//   npm run bench [-- --only toy2d,mlp-784,dcgan-28,style-28,dcgan-64,matmul,eval,host,dashboard,large-metrics,
//     live-diagnostics,config-validation,dashboard-render,wall-rate] [-- --backend B] [-- --json FILE]
// Each configuration runs in its own process: the wasm backend's kernels and threads are fixed
// when it starts. Measure on a quiet machine: other processes on the cores skew every figure,
// the threaded rows most.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BackendName } from '../src/core/config/trainingSchema';
import { requestedWasmThreads } from '../src/core/backend/wasm/threads';
import { benchConfigValidation } from './benchConfigValidation';
import { benchDashboard } from './benchDashboard';
import { benchEvaluation } from './benchEvaluation';
import { benchHost } from './benchHost';
import { benchLargeMetrics } from './benchLargeMetrics';
import { benchLiveDiagnostics } from './benchLiveDiagnostics';
import { benchWallRate } from './benchWallRate';
import type { TrainingFigures } from './benchTraining';
import { benchWorkloads } from './benchWorkloads';

interface Configuration {
  readonly label: string;
  readonly backend: BackendName;
  readonly env: Record<string, string>;
  /** Workloads this configuration is too slow for (minutes per step). */
  readonly skip?: readonly string[];
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function configurations(backend: string | undefined): Configuration[] {
  if (backend) return [{ label: backend, backend: backend as BackendName, env: {} }];
  const threads = requestedWasmThreads({});
  // DCGAN-64 (a GPU-sized workload) only where it can finish: the best wasm set-up and auto.
  const slow = ['dcgan-64'];
  return [
    { label: 'wasm, TF.js kernels, 1 thread', backend: 'wasm', env: { GAN_STUDIO_WASM_KERNELS: 'stock', GAN_STUDIO_WASM_THREADS: '1' }, skip: slow },
    { label: 'wasm, 1 thread', backend: 'wasm', env: { GAN_STUDIO_WASM_THREADS: '1' }, ...(threads > 1 ? { skip: slow } : {}) },
    ...(threads > 1 ? [{ label: `wasm, ${threads} threads`, backend: 'wasm' as const, env: { GAN_STUDIO_WASM_THREADS: String(threads) } }] : []),
    { label: 'auto (the default)', backend: 'auto', env: {} },
    { label: 'cpu', backend: 'cpu', env: {}, skip: ['dcgan-28', 'style-28', ...slow] },
  ];
}

/** Runs a bench child and returns the JSON of its `BENCH` line. */
function child<T>(script: string, args: string[], env: Record<string, string>): T {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, script), ...args], {
    env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('BENCH '));
  if (result.status !== 0 || !line) throw new Error(`${script} ${args.join(' ')} failed:\n${result.stderr}`);
  return JSON.parse(line.slice('BENCH '.length)) as T;
}

interface MatmulFigures { readonly detail: string; readonly rates: Record<string, number> }

/** numpy's BLAS on both cores, when Python has numpy: what this CPU does with optimised native code. */
function nativeMatmulRate(): number | undefined {
  const program = 'import numpy as np,time\nn=1024\na=np.random.rand(n,n).astype(np.float32)\na@a\n' +
    't=time.perf_counter()\nfor _ in range(20): a@a\nprint(2*n**3/((time.perf_counter()-t)/20)/1e9)';
  const result = spawnSync('python3', ['-c', program], { encoding: 'utf8' });
  const rate = Number.parseFloat(result.stdout);
  return result.status === 0 && Number.isFinite(rate) ? rate : undefined;
}

function benchMatmul(configs: Configuration[]): Record<string, unknown> {
  console.log('\nmatrix products (square n×n·n×n, GFLOP/s)');
  const figures: Record<string, unknown> = {};
  for (const config of configs.filter((c) => c.backend !== 'auto')) {
    const measured = child<MatmulFigures>('benchMatmul.ts', [config.backend], config.env);
    figures[config.label] = measured.rates;
    const cells = Object.entries(measured.rates).map(([n, rate]) => `n=${n}: ${rate.toFixed(1)}`).join('  ');
    console.log(`  ${config.label.padEnd(32)} ${cells}`);
  }
  const native = nativeMatmulRate();
  figures['numpy BLAS'] = native;
  console.log(`  ${'numpy BLAS (native reference)'.padEnd(32)} ${native === undefined ? 'not measured: python3 with numpy not found' : `n=1024: ${native.toFixed(1)}`}`);
  return figures;
}

interface TrainingRow extends TrainingFigures { readonly configuration: string }

function benchTraining(configs: Configuration[], wanted: (part: string) => boolean): TrainingRow[] {
  console.log('\ntraining (one D-step + one G-step; median ms/step, and the fastest tenth of steps (p10) as what the ' +
    'code does on a quiet machine; GFLOP/s counts matrix products and convolutions)');
  console.log(`  ${'workload'.padEnd(9)} ${'configuration'.padEnd(32)} ${'ms/step'.padStart(9)} ${'p10'.padStart(7)} ${'steps/s'.padStart(8)} ` +
    `${'samples/s'.padStart(10)} ${'GFLOP/step'.padStart(10)} ${'GFLOP/s'.padStart(8)}`);
  const rows: TrainingRow[] = [];
  for (const workload of Object.keys(benchWorkloads)) {
    if (!wanted(workload)) continue;
    for (const config of configs) {
      if (config.skip?.includes(workload)) continue;
      const figures = child<TrainingFigures>('benchTraining.ts', [workload, config.backend], config.env);
      rows.push({ ...figures, configuration: config.label });
      const perSecond = 1000 / figures.msPerStep;
      console.log(`  ${workload.padEnd(9)} ${config.label.padEnd(32)} ${figures.msPerStep.toFixed(1).padStart(9)} ${figures.msPerStepP10.toFixed(1).padStart(7)} ` +
        `${perSecond.toFixed(1).padStart(8)} ${(perSecond * figures.batchSize).toFixed(0).padStart(10)} ` +
        `${(figures.flopsPerStep / 1e9).toFixed(3).padStart(10)} ${(figures.flopsPerStep / figures.msPerStep / 1e6).toFixed(1).padStart(8)}` +
        (config.backend === 'auto' ? `   (${figures.detail})` : ''));
    }
  }
  return rows;
}

interface RenderFigures { readonly rows: number; readonly firstMs: number; readonly firstRenderMs: number; readonly updateMedianMs: number; readonly updateRenderMedianMs: number }

/** The webview in Chromium drawing a long run; its script lives with the webview tests, whose harness it shares. */
function benchDashboardRender(): RenderFigures {
  const figures = child<RenderFigures>(path.join('..', 'test', 'webview', 'benchRender.ts'), [], {});
  console.log(`
dashboard webview (Chromium), ${figures.rows} logged steps: first full render ${figures.firstMs.toFixed(0)} ms ` +
    `(render work ${figures.firstRenderMs.toFixed(0)} ms); 100-row update: median ${figures.updateMedianMs.toFixed(1)} ms to the drawn frame ` +
    `(render work ${figures.updateRenderMedianMs.toFixed(1)} ms)`);
  return figures;
}

async function main(): Promise<void> {
  // --only takes one part or a comma-separated list.
  const only = option('only')?.split(',');
  const wanted = (part: string) => !only || only.includes(part);
  const configs = configurations(option('backend'));
  const machine = { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, load: os.loadavg() };
  console.log(`machine: ${machine.cpus} × ${machine.model}, Node ${machine.node}, load average ${machine.load.map((l) => l.toFixed(2)).join(' ')}`);
  const results: Record<string, unknown> = { machine, measuredAt: new Date().toISOString() };
  if (wanted('matmul')) results['matmul'] = benchMatmul(configs);
  if (Object.keys(benchWorkloads).some(wanted)) results['training'] = benchTraining(configs, wanted);
  const backend = (option('backend') ?? 'auto') as BackendName;
  if (wanted('eval')) await benchEvaluation(backend);
  if (wanted('host')) await benchHost();
  if (wanted('dashboard')) await benchDashboard();
  if (wanted('config-validation')) results['configValidation'] = benchConfigValidation();
  if (wanted('large-metrics')) results['largeMetrics'] = benchLargeMetrics();
  if (wanted('live-diagnostics')) results['liveDiagnostics'] = await benchLiveDiagnostics();
  if (wanted('dashboard-render')) results['dashboardRender'] = benchDashboardRender();
  if (wanted('wall-rate')) results['wallRate'] = await benchWallRate(backend);
  const out = option('json') ?? 'bench-results.json';
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
