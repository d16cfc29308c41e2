import * as path from 'node:path';
import { learnsGenerator } from '../../core/run/networkNames';
import { configHash } from '../../core/config/configHash';
import { loadConfigFile, type LoadedConfig } from '../../core/config/parse';
import { backendNames, MAX_STEPS, type BackendName } from '../../core/config/trainingSchema';
import { UserError } from '../../core/errors';
import { DEFAULT_RUNS_DIR, resumeCommand } from '../../core/run/layout';
import { readStoredConfig } from '../../core/run/runReader';
import { resolveDataPaths } from '../../core/train/prepare';
import { TrainingSession } from '../../core/train/session';
import { intOption, parseArgs, stringOption } from '../args';
import { formatDuration, ProgressPrinter } from '../progressBar';
import { modesMeaning } from '../../core/eval/modesMeaning';
import { diagnosticHeadline, evaluationSummary } from '../../core/eval/reportText';
import type { CommandIO } from './io';

export const trainUsage = 'usage: gan-studio train <config> [--steps N] [--resume <runDir>] [--backend B] [--runs-dir D]';

export async function trainCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, { steps: 'value', resume: 'value', backend: 'value', 'runs-dir': 'value' }, trainUsage);
  const [configPath, ...extra] = args.positional;
  if (extra.length) throw new UserError(`unexpected argument '${extra[0]}'\n${trainUsage}`);
  const resumeDir = stringOption(args, 'resume');
  if (!configPath && !resumeDir) throw new UserError(`train needs a config file or --resume <runDir>\n${trainUsage}`);
  const backend = backendOption(stringOption(args, 'backend'));
  const steps = intOption(args, 'steps', 1, MAX_STEPS);
  const config = configPath ? await loadConfigFile(configPath) : undefined;
  if (config && resumeDir) await assertSameConfig(resumeDir, config, configPath!);

  const session = await TrainingSession.create({
    runsDir: stringOption(args, 'runs-dir') ?? DEFAULT_RUNS_DIR,
    ...(resumeDir ? { resumeDir } : config ? { config } : {}),
    ...(steps !== undefined ? { steps } : {}),
    ...(backend ? { backend } : {}),
  });
  const printer = new ProgressPrinter(io.stderr);
  let explainedModes = false;
  session.on((event) => {
    if (event.type === 'started') {
      io.out(`${event.resumed ? 'Resuming' : 'Training'} ${event.runId} from step ${event.step} to ${event.totalSteps}`);
      io.out(`  run folder: ${event.runDir}`);
      io.out(`  data:       ${event.dataset}`);
      io.out(`  backend:    ${event.backend.backend} — ${event.backend.reason}`);
    } else if (event.type === 'progress') {
      printer.update(event);
    } else if (event.type === 'evaluation') {
      printer.clear();
      io.out(`  evaluation at step ${event.record.step}: ${evaluationSummary(event.record)}`);
      // Once: the figures are strict (3σ), and a reader who sees points near the modes needs the rule.
      if (event.record.modes && !explainedModes) io.out(`    (${modesMeaning(event.record.modes)})`);
      explainedModes ||= event.record.modes !== undefined;
    } else if (event.type === 'diagnostic') {
      printer.clear();
      io.err(`  ${diagnosticHeadline(event.record)}`);
      if (event.record.state === 'raised') io.err(`    try: ${event.record.remedies.join('; ')}`);
    }
  });
  const interrupt = () => {
    if (session.info.status !== 'running' && session.info.status !== 'paused') process.exit(130);
    printer.clear();
    io.err('Stopping at the next step boundary (saving a checkpoint); press Ctrl-C again to quit at once.');
    process.removeListener('SIGINT', interrupt);
    process.once('SIGINT', () => process.exit(130));
    session.stop();
  };
  process.on('SIGINT', interrupt);
  try {
    const started = Date.now();
    const info = await session.run();
    printer.clear();
    const took = formatDuration((Date.now() - started) / 1000);
    // latest.png is the stable name (a note or a script can keep pointing at it across runs' steps).
    const latest = info.lastSample ? path.join(session.runDir, path.dirname(info.lastSample.path), 'latest.png') : undefined;
    if (info.status === 'failed') {
      io.err(`Training ${info.runId} failed at step ${info.step}: ${info.error ?? 'unknown error'}`);
      // A full disk or a divergence already says what to do (and resuming a divergence only repeats it).
      const toldWhatToDo = /checkpoint|--resume/.test(info.error ?? '');
      if (info.lastCheckpoint && !toldWhatToDo) io.err(`  last good checkpoint: step ${info.lastCheckpoint.step} (resume with: ${resumeCommand(session.runDir)})`);
      return 1;
    }
    io.out(`${info.status === 'completed' ? 'Completed' : 'Stopped at'} step ${info.step}/${info.totalSteps} in ${took}.`);
    if (latest) io.out(`  samples: ${latest} (step ${info.lastSample!.step})`);
    if (info.status === 'stopped') io.out(`  resume with: ${resumeCommand(session.runDir)}`);
    for (const line of nextSteps(session.runDir, learnsGenerator(info.networks))) io.out(line);
    return 0;
  } finally {
    process.removeListener('SIGINT', interrupt);
    session.dispose();
  }
}

/**
 * What a first-time user can do with a finished run, so the demo does not end at a file path. The
 * commands are spelled as this process was started (`node dist/cli.js` from a checkout).
 */
export function nextSteps(runDir: string, generates = true, cli = cliName()): string[] {
  const relative = path.relative(process.cwd(), runDir) || '.';
  const shown = /\s/.test(relative) ? `"${relative}"` : relative;
  return [
    'Next:',
    `  measure it again:   ${cli} eval ${shown}`,
    generates ? `  draw new samples:   ${cli} sample ${shown} --out more.png` : `  export its networks: ${cli} export ${shown} --out exported`,
    '  watch it live:      open this folder in VS Code with GAN Studio; GAN Runs view → the run → Open Dashboard',
  ];
}

function cliName(): string {
  const script = process.argv[1] ?? '';
  return /(^|[\\/])dist[\\/]cli\.js$/.test(script) ? `node ${path.relative(process.cwd(), script) || script}` : 'gan-studio';
}

export function backendOption(value: string | undefined): BackendName | undefined {
  if (value === undefined) return undefined;
  if (!(backendNames as readonly string[]).includes(value)) {
    throw new UserError(`--backend must be one of ${backendNames.join(', ')}; found '${value}'`);
  }
  return value as BackendName;
}

/**
 * Refuses to resume a run with a config that trains something else. The stored config is read back
 * through today's schema, so a setting added since the run started has its default on both sides:
 * a newer GAN Studio still resumes an older run with the same file.
 */
async function assertSameConfig(runDir: string, config: LoadedConfig, configPath: string): Promise<void> {
  const stored = await readStoredConfig(runDir);
  if (stored.hash === config.hash) return;
  if (configHash(stored.config) !== configHash(resolveDataPaths(config.config, configPath))) {
    throw new UserError(`${configPath} has changed since ${runDir} started (config hash ${config.hash} ≠ ${stored.hash}); ` +
      'resume without the config to continue the run as it was, or train the config as a new run');
  }
}
