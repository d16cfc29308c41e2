import { UserError } from '../../core/errors';
import { modesMeaning } from '../../core/eval/modesMeaning';
import { evaluationFigures } from '../../core/eval/reportText';
import { evaluateRun } from '../../core/train/evaluateRun';
import { intOption, parseArgs } from '../args';
import type { CommandIO } from './io';

export const evalUsage = 'usage: gan-studio eval <runDir> [--samples N] [--json] [--no-record]';
const MAX_SAMPLES = 10_000;

/**
 * Evaluates a run's generator as of its latest checkpoint and prints the figures; unless
 * --no-record, the result is also appended to the run's metrics.jsonl for the dashboard.
 */
export async function evalCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, { samples: 'value', json: 'flag', 'no-record': 'flag' }, evalUsage);
  const [runDir] = args.positional;
  if (!runDir) throw new UserError(`eval needs a run folder\n${evalUsage}`);
  const samples = intOption(args, 'samples', 100);
  if (samples !== undefined && samples > MAX_SAMPLES) throw new UserError(`--samples must be at most ${MAX_SAMPLES}, found ${samples}`);
  const record = await evaluateRun({ runDir, ...(samples !== undefined ? { samples } : {}), record: !args.options.has('no-record') });
  if (args.options.has('json')) {
    io.out(JSON.stringify(record));
    return 0;
  }
  io.out(`${runDir} at step ${record.step}: ${record.samples} samples in ${record.seconds.toFixed(2)} s`);
  const figures = evaluationFigures(record);
  const width = Math.max(...figures.map(([label]) => label.length));
  for (const [label, value] of figures) io.out(`  ${label.padEnd(width)}  ${value}`);
  if (record.modes) io.out(`  (${modesMeaning(record.modes)})`);
  return 0;
}
