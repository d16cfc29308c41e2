import * as path from 'node:path';
import { randomInt } from 'node:crypto';
import { MAX_SAMPLE_COUNT } from '../../core/config/trainingSchema';
import { UserError } from '../../core/errors';
import { writeFileAtomic } from '../../core/run/atomicFile';
import { generateFrom, renderExamples } from '../../core/train/evaluation';
import type { NetworkExtras } from '../../core/networks/kind';
import { networkBuilder } from '../../core/networks/builders';
import { restoreGenerator, type RestoredGenerator } from '../../core/train/restore';
import { sampleGrid } from '../../core/train/sampleGrid';
import { makeFolder } from '../../core/util/folders';
import { Random } from '../../core/util/random';
import { intOption, numberOption, parseArgs, stringOption } from '../args';
import type { CommandIO } from './io';
import { backendOption } from './train';

export const sampleUsage = 'usage: gan-studio sample <runDir> --out <file.png|file.json> [--count N] [--seed S] [--truncation ψ] [--backend B]';

/** Draws fresh samples from a run's latest checkpoint: a PNG grid (or 2D scatter) or raw JSON values. */
export async function sampleCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, { out: 'value', count: 'value', seed: 'value', truncation: 'value', backend: 'value' }, sampleUsage);
  const [runDir] = args.positional;
  const out = stringOption(args, 'out');
  if (!runDir || !out) throw new UserError(`sample needs a run folder and --out\n${sampleUsage}`);
  const format = path.extname(out).toLowerCase();
  if (format !== '.png' && format !== '.json') throw new UserError(`--out must end in .png or .json, found '${out}'`);
  const count = intOption(args, 'count', 1, MAX_SAMPLE_COUNT) ?? 64;
  const seed = intOption(args, 'seed', 0) ?? randomInt(2 ** 31);
  const psi = numberOption(args, 'truncation', 0, 1);
  const restored = await restoreGenerator(runDir, backendOption(stringOption(args, 'backend')));
  try {
    const { generator, latent, dataset } = restored;
    const truncated = psi === undefined ? undefined : { psi, images: truncation(restored, runDir) };
    // A conditional or InfoGAN model's grid has whole rows (one per class or category), so it may hold fewer than --count.
    const grid = sampleGrid(latent, new Random(seed), count, dataset);
    const drawn = grid.latents.count;
    const values = truncated ? await truncated.images(grid.latents, truncated.psi) : await generateFrom(generator, grid.latents);
    await makeFolder(path.dirname(path.resolve(out)), 'folder of --out');
    if (format === '.json') {
      const size = values.length / drawn;
      const samples = Array.from({ length: drawn }, (_, i) => Array.from(values.subarray(i * size, (i + 1) * size)));
      const classes = sampledClasses(grid.latents.labels, latent.classes?.names);
      await writeFileAtomic(out, JSON.stringify({ step: restored.step, seed, ...(psi !== undefined ? { truncation: psi } : {}), shape: [drawn, ...dataset.exampleShape], samples, ...classes }) + '\n');
    } else {
      await writeFileAtomic(out, renderExamples(values, dataset, grid.columns));
    }
    io.out(`Wrote ${drawn} samples from step ${restored.step} (seed ${seed}${psi !== undefined ? `, truncation ψ ${psi}` : ''}) to ${out}`);
    return 0;
  } finally {
    restored.dispose();
  }
}

/** The run's truncated sampling, or a clear refusal where its generator has no W to truncate in. */
function truncation(restored: RestoredGenerator, runDir: string): NonNullable<NetworkExtras['truncate']> {
  const { stored, generator, latent, dataset } = restored;
  const { model, seed } = stored.config;
  const truncate = latent.source ? undefined : networkBuilder(model).extras?.(model, generator, latent, dataset, seed, false).truncate;
  if (!truncate) throw new UserError(`--truncation needs a generator with a mapping network (model.kind: style); ${runDir}'s is ${latent.source ? 'a translator' : `model.kind ${model.kind}`}`, runDir);
  return truncate;
}

/** A conditional model's class name per sample, for the JSON output. */
function sampledClasses(labels: Float32Array | undefined, names: readonly string[] | undefined): { classes?: string[] } {
  if (!labels || !names) return {};
  const count = labels.length / names.length;
  return { classes: Array.from({ length: count }, (_, i) => names[labels.subarray(i * names.length, (i + 1) * names.length).indexOf(1)]!) };
}
