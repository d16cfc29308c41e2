import { UserError } from '../../core/errors';
import * as path from 'node:path';
import { CLASSIFIER_FOLDER, ENCODER_FOLDER, exportRun, REVERSE_TRANSLATOR_FOLDER } from '../../core/train/exportGenerator';
import { parseArgs, stringOption } from '../args';
import type { CommandIO } from './io';

export const exportUsage = 'usage: gan-studio export <runDir> --out <dir>';

/** Writes a run's generator (latest checkpoint), and its encoder or classifier when it has one, as TF.js LayersModels. */
export async function exportCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, { out: 'value' }, exportUsage);
  const [runDir] = args.positional;
  const out = stringOption(args, 'out');
  if (!runDir || !out) throw new UserError(`export needs a run folder and --out\n${exportUsage}`);
  const { files, step } = await exportRun(runDir, out);
  const folders = new Set(files.map((file) => path.basename(path.dirname(file))));
  const what = folders.has(REVERSE_TRANSLATOR_FOLDER) ? `the a → b generator and, in ${REVERSE_TRANSLATOR_FOLDER}/, the b → a one`
    : `the generator${folders.has(ENCODER_FOLDER) ? ' and encoder' : ''}${folders.has(CLASSIFIER_FOLDER) ? ` and, in ${CLASSIFIER_FOLDER}/, the classifier` : ''}`;
  io.out(`Exported ${what} of ${runDir} (step ${step}):`);
  for (const file of files) io.out(`  ${file}`);
  io.out('Load each with tf.loadLayersModel(<url or file handler of its model.json>).');
  return 0;
}
