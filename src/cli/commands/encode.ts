import { UserError } from '../../core/errors';
import { encodeToFile } from '../../core/train/codesFile';
import type { EncodeSource } from '../../core/train/encodeRun';
import { parseArgs, stringOption } from '../args';
import type { CommandIO } from './io';

export const encodeUsage = 'usage: gan-studio encode <runDir> --out <codes.csv|codes.json> [--all | --folder <dir> | --idx <images>]';

/** Writes E(x) of a run's encoder for its held-out examples (default), all its data, or a folder / IDX file of images like its own. */
export async function encodeCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, { out: 'value', all: 'flag', folder: 'value', idx: 'value' }, encodeUsage);
  const [runDir] = args.positional;
  const out = stringOption(args, 'out');
  if (!runDir || !out) throw new UserError(`encode needs a run folder and --out\n${encodeUsage}`);
  const folder = stringOption(args, 'folder');
  const idx = stringOption(args, 'idx');
  const chosen = [args.options.has('all'), folder !== undefined, idx !== undefined].filter(Boolean).length;
  if (chosen > 1) throw new UserError(`choose one of --all, --folder and --idx\n${encodeUsage}`);
  const source: EncodeSource = folder !== undefined ? { kind: 'folder', path: folder }
    : idx !== undefined ? { kind: 'idx', path: idx }
    : args.options.has('all') ? { kind: 'all' } : { kind: 'held-out' };
  const encoded = await encodeToFile({ runDir, source, outFile: out });
  io.out(`Encoded ${encoded.count} examples (${encoded.description}) with the encoder of ${runDir} at step ${encoded.step}:`);
  io.out(`  ${out}`);
  return 0;
}
