import { UserError } from '../../core/errors';
import { exportGenerator } from '../../core/train/exportGenerator';
import { restoreGenerator } from '../../core/train/restore';
import { parseArgs, stringOption } from '../args';
import type { CommandIO } from './io';

export const exportUsage = 'usage: gan-studio export <runDir> --out <dir>';

/** Writes a run's generator (latest checkpoint) as a TF.js LayersModel. */
export async function exportCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, { out: 'value' }, exportUsage);
  const [runDir] = args.positional;
  const out = stringOption(args, 'out');
  if (!runDir || !out) throw new UserError(`export needs a run folder and --out\n${exportUsage}`);
  const restored = await restoreGenerator(runDir);
  try {
    const files = await exportGenerator(restored, out);
    io.out(`Exported the generator of ${runDir} (step ${restored.step}):`);
    for (const file of files) io.out(`  ${file}`);
    io.out('Load it with tf.loadLayersModel(<url or file handler of model.json>).');
    return 0;
  } finally {
    restored.dispose();
  }
}
