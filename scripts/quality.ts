// Trains the built-in recipes of the quality bar to the end on several seeds and prints, per recipe,
// on how many seeds it met its target and each figure's mean and worst seed (scripts/qualityRecipes.ts
// holds the targets). Minutes per recipe and seed on a 2-core machine (wasm backend).
//   npm run quality [-- --only ring|grid|cgan|infogan|bigan-spiral|bigan|vae|vae-gan|cyclegan-inverted|cyclegan-colored|pix2pix-edges|pix2pix-blur|pix2pix-l1|pix2pix|pix2pix-cgan|triple-gan|dann] [-- --seeds 11,12,13] [-- --backend cpu]
//   npm run quality -- --only grid --file my-grid.gan.yaml   (a variant of one recipe, held to that recipe's target: ablations)
// The default seeds are none the recipes or the docs use, so a recipe tuned on its own seed shows
// how it does on others. Writes every seed's figures as JSON to quality-results.json as well.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfigFile } from '../src/core/config/parse';
import type { BackendName } from '../src/core/config/trainingSchema';
import { evaluationSummary } from '../src/core/eval/reportText';
import type { EvaluationRecord } from '../src/core/run/evaluationRecords';
import { evaluateRun } from '../src/core/train/evaluateRun';
import { TrainingSession } from '../src/core/train/session';
import { qualityRecipes, summarise, type QualityRecipe } from './qualityRecipes';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

interface SeedResult {
  readonly recipe: string;
  readonly seed: number;
  readonly steps: number;
  readonly minutes: number;
  readonly met: boolean;
  readonly figures: string;
  readonly record: EvaluationRecord;
}

async function trainRecipe(name: string, recipe: QualityRecipe, seed: number, backend: BackendName | undefined, runsDir: string) {
  const loaded = await loadConfigFile(recipe.file);
  const config = { ...loaded, config: { ...loaded.config, seed } };
  const session = await TrainingSession.create({ runsDir, config, ...(backend ? { backend } : {}) });
  const started = performance.now();
  let lastReport = started;
  session.on((event) => {
    if (event.type !== 'progress' || performance.now() - lastReport < 30_000) return;
    lastReport = performance.now();
    console.log(`  ${name} seed ${seed}: step ${event.step}/${event.totalSteps}, ${event.stepsPerSecond.toFixed(1)} it/s`);
  });
  try {
    const info = await session.run();
    if (info.status !== 'completed') throw new Error(`${name} (seed ${seed}) ended ${info.status}: ${info.error ?? ''}`);
  } finally {
    session.dispose();
  }
  const minutes = (performance.now() - started) / 60_000;
  const record = await evaluateRun({ runDir: session.runDir, ...(backend ? { backend } : {}) });
  return { minutes, record };
}

async function main(): Promise<void> {
  const only = option('only');
  const backend = option('backend') as BackendName | undefined;
  const seeds = (option('seeds') ?? '11,12,13').split(',').map(Number);
  if (only && !qualityRecipes[only]) throw new Error(`--only takes one of ${Object.keys(qualityRecipes).join(', ')}`);
  const file = option('file');
  if (file && (!only || qualityRecipes[only]!.against)) throw new Error('--file replaces one recipe\'s config: give --only with a recipe that has no baseline');
  const recipes = file && only ? { ...qualityRecipes, [only]: { ...qualityRecipes[only]!, file } } : qualityRecipes;
  if (!seeds.length || seeds.some((seed) => !Number.isInteger(seed) || seed < 0)) throw new Error('--seeds takes whole numbers, e.g. 11,12,13');
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gan-quality-'));
  const results: SeedResult[] = [];
  const evaluated = new Map<string, EvaluationRecord>();
  const run = async (name: string, recipe: QualityRecipe, seed: number): Promise<EvaluationRecord> => {
    const key = `${name}@${seed}`;
    const done = evaluated.get(key);
    if (done) return done;
    const baseline = recipe.against === undefined ? undefined : await run(recipe.against, recipes[recipe.against]!, seed);
    console.log(`training ${recipe.file}, seed ${seed}…`);
    const { minutes, record } = await trainRecipe(name, recipe, seed, backend, runsDir);
    const inTime = recipe.maxSeconds === undefined || minutes * 60 <= recipe.maxSeconds;
    const met = recipe.met(record, baseline) && inTime;
    results.push({ recipe: name, seed, steps: record.step, minutes, met, figures: evaluationSummary(record), record });
    // Each seed as it finishes: a long run's first figures need not wait for its last seed.
    const took = minutes < 2 ? `${Math.round(minutes * 60)} s` : `${minutes.toFixed(1)} min`;
    console.log(`  ${name} seed ${seed}: ${met ? 'met' : 'not met'} in ${took}${inTime ? '' : ` (over ${recipe.maxSeconds} s)`}: ${evaluationSummary(record)}`);
    evaluated.set(key, record);
    return record;
  };
  for (const [name, recipe] of Object.entries(recipes)) {
    if (only && only !== name) continue;
    for (const seed of seeds) await run(name, recipe, seed);
  }
  console.log(`\nseeds ${seeds.join(', ')}; figures on 2,500 samples (or the most FID allows), mean (worst seed)`);
  console.log('recipe        steps  minutes  met  target / figures');
  const names = [...new Set(results.map((result) => result.recipe))];
  for (const name of names) {
    const rows = results.filter((result) => result.recipe === name);
    const recipe = recipes[name]!;
    const minutes = rows.reduce((sum, row) => sum + row.minutes, 0) / rows.length;
    const met = rows.filter((row) => row.met).length;
    console.log(`${name.padEnd(12)} ${String(rows[0]!.steps).padStart(6)}  ${minutes.toFixed(1).padStart(7)}  ${met}/${rows.length}  ${recipe.target}`);
    const figures = recipe.figures.map((figure) => summarise(figure, rows.map((row) => figure.value(row.record))));
    const slowest = Math.max(...rows.map((row) => row.minutes)) * 60;
    const time = recipe.maxSeconds === undefined ? '' : `; wall time ${Math.round(minutes * 60)} s (worst ${Math.round(slowest)} s)`;
    console.log(`${' '.repeat(34)}${figures.join('; ')}${time}`);
  }
  fs.writeFileSync('quality-results.json', JSON.stringify(results.map(({ record: _record, ...row }) => row), null, 2) + '\n');
  fs.rmSync(runsDir, { recursive: true, force: true });
  if (results.some((result) => !result.met)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
