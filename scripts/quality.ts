// Trains the built-in recipes of the quality bar (issue 7) to the end and prints what each reached
// against its target: modes on the ring and the 5×5 grid, label accuracy of the conditional GAN,
// categorical-code accuracy of the InfoGAN, BiGAN's encoder figures beside their baselines. Minutes each on a 2-core machine (wasm backend).
//   npm run quality [-- --only ring|grid|cgan|infogan|bigan-spiral|bigan|vae|vae-gan] [-- --backend cpu]
// Writes the table as JSON to quality-results.json in the current folder as well.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfigFile } from '../src/core/config/parse';
import type { BackendName } from '../src/core/config/trainingSchema';
import { evaluationSummary } from '../src/core/eval/reportText';
import type { EvaluationRecord } from '../src/core/run/evaluationRecords';
import { evaluateRun } from '../src/core/train/evaluateRun';
import { TrainingSession } from '../src/core/train/session';

interface Recipe {
  readonly file: string;
  readonly target: string;
  /** A recipe whose evaluation this one's target is judged against (trained first when not already). */
  readonly against?: string;
  readonly met: (record: EvaluationRecord, baseline?: EvaluationRecord) => boolean;
}

const recipes: Record<string, Recipe> = {
  ring: { file: 'examples/ring.gan.yaml', target: '8/8 modes', met: (r) => r.modes?.covered === 8 },
  grid: {
    file: 'examples/grid.gan.yaml', target: '≥ 24/25 modes, ≥ 90% high quality',
    met: (r) => (r.modes?.covered ?? 0) >= 24 && (r.modes?.highQualityShare ?? 0) >= 0.9,
  },
  cgan: { file: 'examples/mnist-cgan.gan.yaml', target: 'label accuracy ≥ 90%', met: (r) => (r.labelAccuracy ?? 0) >= 0.9 },
  infogan: { file: 'examples/mnist-infogan.gan.yaml', target: 'code accuracy ≥ 80%', met: (r) => (r.codeAccuracy ?? 0) >= 0.8 },
  // BiGAN: what the encoder learned, each figure beside its baseline (the untrained encoder; 1 for the ratio; 10 % chance).
  'bigan-spiral': { file: 'examples/spiral-bigan.gan.yaml', target: 'reconstruction ratio < 0.5', met: (r) => figure(r, 'reconstructionRatio') < 0.5 },
  bigan: {
    file: 'examples/mnist-bigan.gan.yaml', target: 'probe on E(x) above the untrained encoder\'s, reconstruction ratio < 0.9, reconstructions keep their digit ≥ 25%',
    met: (r) => figure(r, 'probe') > figure(r, 'probeUntrained') && figure(r, 'reconstructionRatio') < 0.9 && figure(r, 'reconstructionAgreement') >= 0.25,
  },
};

// VAE-GAN against the plain VAE on the same budget: sharper samples (a lower FID), less faithful
// reconstructions (a higher pixel error), both keeping the input's digit.
recipes['vae'] = { file: 'examples/mnist-vae.gan.yaml', target: 'reconstructions keep their digit ≥ 90%', met: (r) => figure(r, 'reconstructionAgreement') >= 0.9 };
recipes['vae-gan'] = {
  file: 'examples/mnist-vaegan.gan.yaml', against: 'vae',
  target: 'FID below the VAE\'s, pixel error above it, reconstructions keep their digit ≥ 90%',
  met: (r, vae) => vae !== undefined && (r.fid?.value ?? Infinity) < (vae.fid?.value ?? -Infinity)
    && figure(r, 'reconstructionError') > figure(vae, 'reconstructionError') && figure(r, 'reconstructionAgreement') >= 0.9,
};

/** A family figure of the evaluation by name; NaN when it has none (so no target is met by accident). */
function figure(record: EvaluationRecord, name: string): number {
  return record.figures?.find((candidate) => candidate.name === name)?.value ?? Number.NaN;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

interface Row {
  readonly recipe: string;
  readonly steps: number;
  readonly minutes: number;
  readonly msPerStep: number;
  readonly figures: string;
  readonly target: string;
  readonly met: boolean;
}

async function trainRecipe(name: string, recipe: Recipe, backend: BackendName | undefined, runsDir: string): Promise<{ row: Omit<Row, 'met'>; record: EvaluationRecord }> {
  const config = await loadConfigFile(recipe.file);
  const session = await TrainingSession.create({ runsDir, config, ...(backend ? { backend } : {}) });
  const started = performance.now();
  let lastReport = started;
  session.on((event) => {
    if (event.type !== 'progress' || performance.now() - lastReport < 30_000) return;
    lastReport = performance.now();
    console.log(`  ${name}: step ${event.step}/${event.totalSteps}, ${event.stepsPerSecond.toFixed(1)} it/s`);
  });
  try {
    const info = await session.run();
    if (info.status !== 'completed') throw new Error(`${name} ended ${info.status}: ${info.error ?? ''}`);
  } finally {
    session.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  const record = await evaluateRun({ runDir: session.runDir, ...(backend ? { backend } : {}) });
  return {
    row: { recipe: name, steps: record.step, minutes: seconds / 60, msPerStep: (seconds * 1000) / record.step, figures: evaluationSummary(record), target: recipe.target },
    record,
  };
}

async function main(): Promise<void> {
  const only = option('only');
  const backend = option('backend') as BackendName | undefined;
  if (only && !recipes[only]) throw new Error(`--only takes one of ${Object.keys(recipes).join(', ')}`);
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-quality-'));
  const rows: Row[] = [];
  const evaluated = new Map<string, EvaluationRecord>();
  const run = async (name: string, recipe: Recipe): Promise<EvaluationRecord> => {
    const baseline = recipe.against === undefined ? undefined : evaluated.get(recipe.against) ?? await run(recipe.against, recipes[recipe.against]!);
    console.log(`training ${recipe.file}…`);
    const { row, record } = await trainRecipe(name, recipe, backend, runsDir);
    rows.push({ ...row, met: recipe.met(record, baseline) });
    evaluated.set(name, record);
    return record;
  };
  for (const [name, recipe] of Object.entries(recipes)) {
    if ((only && only !== name) || evaluated.has(name)) continue;
    await run(name, recipe);
  }
  console.log('\nrecipe       steps  minutes  ms/step  target                              met  figures (2,500 samples or the most FID allows)');
  for (const row of rows) {
    console.log(`${row.recipe.padEnd(12)} ${String(row.steps).padStart(5)}  ${row.minutes.toFixed(1).padStart(7)}  ${row.msPerStep.toFixed(0).padStart(7)}  `
      + `${row.target.padEnd(34)}  ${row.met ? 'yes' : 'NO '}  ${row.figures}`);
  }
  fs.writeFileSync('quality-results.json', JSON.stringify(rows, null, 2) + '\n');
  fs.rmSync(runsDir, { recursive: true, force: true });
  if (rows.some((row) => !row.met)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
