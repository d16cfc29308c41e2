import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import { configHash } from '../../../src/core/config/configHash';
import { loadConfigFile, type LoadedConfig } from '../../../src/core/config/parse';
import { ganConfigSchema, type GanConfig, type GanConfigInput } from '../../../src/core/config/schema';
import type { TrainingEvent } from '../../../src/core/train/events';
import type { TrainOptions } from '../../../src/core/train/prepare';
import { TrainingSession } from '../../../src/core/train/session';
import { isGameRecord, type GameRecord, type MetricsRecord, type RunInfo } from '../../../src/core/run/records';

/** A resolved config from a partial one, as the parser would produce it. */
export function resolvedConfig(input: GanConfigInput): { config: GanConfig; hash: string } {
  const config = ganConfigSchema.parse(input);
  return { config, hash: configHash(config) };
}

/**
 * A shipped example cut to `steps` for CI: its own settings otherwise, with samples, checkpoints and
 * histograms only at the end and evaluation left to the test (on demand, at the example's sample count).
 */
export async function shortenedExample(file: string, steps: number): Promise<LoadedConfig> {
  const loaded = await loadConfigFile(file);
  const { training, evaluation, samples, checkpoints, logging } = loaded.config;
  return {
    ...loaded,
    config: {
      ...loaded.config,
      training: { ...training, steps },
      evaluation: { samples: evaluation.samples }, samples: { ...samples, every: steps },
      checkpoints: { ...checkpoints, every: steps }, logging: { ...logging, histogramEvery: steps },
    },
  };
}

/** A temporary folder removed when the test file ends. */
export function tempDir(prefix = 'gan-studio-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface FinishedRun {
  readonly info: RunInfo;
  readonly runDir: string;
  readonly events: TrainingEvent[];
}

/** Trains to the end (or until `onEvent` stops the session) and disposes the session. */
export async function train(options: TrainOptions, onEvent?: (event: TrainingEvent, session: TrainingSession) => void): Promise<FinishedRun> {
  const session = await TrainingSession.create(options);
  const events: TrainingEvent[] = [];
  session.on((event) => {
    events.push(event);
    onEvent?.(event, session);
  });
  try {
    const info = await session.run();
    return { info, runDir: session.runDir, events };
  } finally {
    session.dispose();
  }
}

/**
 * The runs an exact-resume test compares: `config` trained in one go, and trained again but stopped
 * at `stopStep` (a checkpoint) and resumed to the end in the same run directory.
 */
export async function wholeAndResumed(runsDir: string, config: { config: GanConfig; hash: string }, stopStep: number) {
  const whole = await train({ runsDir, config });
  assert.equal(whole.info.status, 'completed');
  const split = await train({ runsDir, config }, (event, session) => {
    if (event.type === 'progress' && event.step === stopStep) session.stop();
  });
  assert.equal(split.info.status, 'stopped');
  assert.equal(split.info.step, stopStep);
  assert.equal(split.info.lastCheckpoint?.step, stopStep);
  const resumed = await train({ runsDir, resumeDir: split.runDir });
  assert.equal(resumed.runDir, split.runDir, 'resuming continues the same run');
  assert.equal(resumed.info.status, 'completed');
  return { whole, split, resumed };
}

/** A GAN run's training lines as the game lines they all are (the diagnostics' view of them). */
export function gameLines(records: readonly MetricsRecord[]): GameRecord[] {
  const games = records.filter(isGameRecord);
  assert.equal(games.length, records.length, 'every training line of a GAN run carries the game\'s values');
  return games;
}
