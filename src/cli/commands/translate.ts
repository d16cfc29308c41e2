import { UserError } from '../../core/errors';
import { translateRun, type TranslationDirection } from '../../core/train/translateRun';
import { parseArgs, stringOption } from '../args';
import type { CommandIO } from './io';
import { backendOption } from './train';

export const translateUsage = 'usage: gan-studio translate <runDir> --direction ab|ba --in <image|folder|idx> --out <folder> [--backend B]';

/** Translates an image, a folder of images or an IDX file with a translation run's generator, one PNG per image. */
export async function translateCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, { direction: 'value', in: 'value', out: 'value', backend: 'value' }, translateUsage);
  const [runDir] = args.positional;
  const input = stringOption(args, 'in');
  const out = stringOption(args, 'out');
  const direction = stringOption(args, 'direction') ?? 'ab';
  if (!runDir || !input || !out) throw new UserError(`translate needs a run folder, --in and --out\n${translateUsage}`);
  if (direction !== 'ab' && direction !== 'ba') throw new UserError(`--direction must be ab (a → b) or ba (b → a), found '${direction}'`);
  const backend = backendOption(stringOption(args, 'backend'));
  const translated = await translateRun({ runDir, direction: direction as TranslationDirection, input, outDir: out, ...(backend ? { backend } : {}) });
  io.out(`Translated ${translated.count} image${translated.count === 1 ? '' : 's'} ${translated.description} with ${runDir} at step ${translated.step}:`);
  io.out(`  ${out}`);
  return 0;
}
