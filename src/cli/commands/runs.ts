import * as path from 'node:path';
import { DEFAULT_RUNS_DIR } from '../../core/run/layout';
import { effectiveStatus } from '../../core/run/liveness';
import { listRuns } from '../../core/run/runReader';
import { parseArgs, stringOption } from '../args';
import type { CommandIO } from './io';

export const runsUsage = 'usage: gan-studio runs [--runs-dir D]';

/** Lists runs, newest first, with the status a reader should believe (dead trainers show as interrupted). */
export async function runsCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const args = parseArgs(argv, { 'runs-dir': 'value' }, runsUsage);
  const runsDir = stringOption(args, 'runs-dir') ?? DEFAULT_RUNS_DIR;
  const { runs, unreadable } = await listRuns(runsDir);
  if (!runs.length && !unreadable.length) {
    io.out(`No runs in ${runsDir}.`);
    return 0;
  }
  const rows = [
    ...runs.map(({ dir, info }) => [
      info.runId, effectiveStatus(info), `${info.step}/${info.totalSteps}`, info.startedAt.replace('T', ' ').slice(0, 19),
      info.backend?.backend ?? '-', dir,
    ]),
    // Named by folder: nothing inside an unreadable run.json is shown.
    ...unreadable.map(({ dir }) => [path.basename(dir), 'unreadable', '-', '-', '-', dir]),
  ];
  const header = ['RUN', 'STATUS', 'STEP', 'STARTED (UTC)', 'BACKEND', 'FOLDER'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  for (const row of [header, ...rows]) io.out(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
  for (const { reason } of unreadable) io.err(`unreadable: ${reason}`);
  return 0;
}
