import { isUserError, errorMessage } from '../core/errors';
import { doctorCommand, doctorUsage } from './commands/doctor';
import { encodeCommand, encodeUsage } from './commands/encode';
import { evalCommand, evalUsage } from './commands/eval';
import { exportCommand, exportUsage } from './commands/export';
import { processIO, type CommandIO } from './commands/io';
import { runsCommand, runsUsage } from './commands/runs';
import { sampleCommand, sampleUsage } from './commands/sample';
import { trainCommand, trainUsage } from './commands/train';
import { translateCommand, translateUsage } from './commands/translate';
import { validateCommand, validateUsage } from './commands/validate';

const commands: Record<string, { run: (argv: readonly string[], io: CommandIO) => Promise<number>; usage: string; summary: string }> = {
  train: { run: trainCommand, usage: trainUsage, summary: 'train a config (or resume a run) into a run folder' },
  validate: { run: validateCommand, usage: validateUsage, summary: 'check configs and report every problem with its line' },
  runs: { run: runsCommand, usage: runsUsage, summary: 'list runs and their status' },
  sample: { run: sampleCommand, usage: sampleUsage, summary: 'draw samples from a run\'s latest checkpoint' },
  eval: { run: evalCommand, usage: evalUsage, summary: 'measure a run\'s generator (modes, FID, label and code accuracy) and record it' },
  export: { run: exportCommand, usage: exportUsage, summary: 'export a run\'s generator (and encoder, or reverse translator) as TF.js LayersModels' },
  encode: { run: encodeCommand, usage: encodeUsage, summary: 'write the codes E(x) of a run\'s encoder (bigan) as CSV or JSON' },
  translate: { run: translateCommand, usage: translateUsage, summary: 'translate images with a translation run (cyclegan, pix2pix), one PNG each' },
  doctor: { run: doctorCommand, usage: doctorUsage, summary: 'check which backends work here, and why the others do not' },
};

export function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return ['GAN Studio — train and inspect GANs from the command line.', '', 'Commands:',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`), '',
    ...Object.values(commands).map((command) => command.usage), '',
    'Exit codes: 0 ok, 1 failure, 2 bad input.'].join('\n');
}

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 failure, 2 bad input. */
export async function main(argv: readonly string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    io.err(helpText());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`unknown command '${name}' (commands: ${Object.keys(commands).join(', ')})`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isUserError(error)) {
      io.err(error.message);
      return 2;
    }
    io.err(`gan-studio ${name} failed: ${errorMessage(error)}`);
    if (process.env['GAN_STUDIO_DEBUG'] && error instanceof Error && error.stack) io.err(error.stack);
    return 1;
  }
}
