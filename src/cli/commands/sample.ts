import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomInt } from 'node:crypto';
import { UserError } from '../../core/errors';
import { writeFileAtomic } from '../../core/run/atomicFile';
import { generateFromNoise, renderExamples } from '../../core/train/evaluation';
import { restoreGenerator } from '../../core/train/restore';
import { Random } from '../../core/util/random';
import { intOption, parseArgs, stringOption } from '../args';
import type { CommandIO } from './io';
import { backendOption } from './train';

export const sampleUsage = 'usage: gan-studio sample <runDir> --out <file.png|file.json> [--count N] [--seed S] [--backend B]';

/** Draws fresh samples from a run's latest checkpoint: a PNG grid (or 2D scatter) or raw JSON values. */
export async function sampleCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, { out: 'value', count: 'value', seed: 'value', backend: 'value' }, sampleUsage);
  const [runDir] = args.positional;
  const out = stringOption(args, 'out');
  if (!runDir || !out) throw new UserError(`sample needs a run folder and --out\n${sampleUsage}`);
  const format = path.extname(out).toLowerCase();
  if (format !== '.png' && format !== '.json') throw new UserError(`--out must end in .png or .json, found '${out}'`);
  const count = intOption(args, 'count', 1) ?? 64;
  const seed = intOption(args, 'seed', 0) ?? randomInt(2 ** 31);
  const restored = await restoreGenerator(runDir, backendOption(stringOption(args, 'backend')));
  try {
    const { generator, latentSize, dataset } = restored;
    const noise = new Random(seed).fillNormal(new Float32Array(count * latentSize));
    const values = generateFromNoise(generator, noise, latentSize);
    await fs.promises.mkdir(path.dirname(path.resolve(out)), { recursive: true });
    if (format === '.json') {
      const size = values.length / count;
      const samples = Array.from({ length: count }, (_, i) => Array.from(values.subarray(i * size, (i + 1) * size)));
      await writeFileAtomic(out, JSON.stringify({ step: restored.step, seed, shape: [count, ...dataset.exampleShape], samples }) + '\n');
    } else {
      await writeFileAtomic(out, renderExamples(values, dataset));
    }
    io.out(`Wrote ${count} samples from step ${restored.step} (seed ${seed}) to ${out}`);
    return 0;
  } finally {
    restored.dispose();
  }
}
