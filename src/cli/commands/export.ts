import { UserError } from '../../core/errors';
import * as path from 'node:path';
import { CLASSIFIER_FOLDER, ENCODER_FOLDER, exportRun, FEATURES_FOLDER, REVERSE_TRANSLATOR_FOLDER } from '../../core/train/exportGenerator';
import { parseArgs, stringOption } from '../args';
import type { CommandIO } from './io';

export const exportUsage = 'usage: gan-studio export <runDir> --out <dir>';

/** Writes a run's generator (latest checkpoint), when it has one, and its encoder, feature extractor or classifier, as TF.js LayersModels. */
export async function exportCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, { out: 'value' }, exportUsage);
  const [runDir] = args.positional;
  const out = stringOption(args, 'out');
  if (!runDir || !out) throw new UserError(`export needs a run folder and --out\n${exportUsage}`);
  const { files, step } = await exportRun(runDir, out);
  const folders = new Set(files.map((file) => path.basename(path.dirname(file))));
  const generator = files.some((file) => path.dirname(file) === path.join(out));
  const classifier = folders.has(CLASSIFIER_FOLDER);
  const what = folders.has(REVERSE_TRANSLATOR_FOLDER) ? `the a → b generator and, in ${REVERSE_TRANSLATOR_FOLDER}/, the b → a one`
    : generator ? `the generator${folders.has(ENCODER_FOLDER) ? ' and encoder' : ''}${classifier ? ` and, in ${CLASSIFIER_FOLDER}/, the classifier` : ''}`
      // A family without a generator (DANN): its networks, each in its folder.
      : [folders.has(FEATURES_FOLDER) ? `the feature extractor in ${FEATURES_FOLDER}/` : '', classifier ? `the classifier in ${CLASSIFIER_FOLDER}/` : ''].filter(Boolean).join(' and ');
  io.out(`Exported ${what} of ${runDir} (step ${step}):`);
  for (const file of files) io.out(`  ${file}`);
  io.out('Load each with tf.loadLayersModel(<url or file handler of its model.json>).');
  return 0;
}
